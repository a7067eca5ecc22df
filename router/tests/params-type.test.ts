import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type Handler, type Params, Router } from '@routebench/router'
import { expectTypeOf } from 'expect-type'

// Type-level tests: `npm test` type-checks this file, so a wrong type fails the build.

expectTypeOf<Params<'/users/:id/posts/:postId'>>().toEqualTypeOf<{ id: string; postId: string }>()
expectTypeOf<Params<'/users/:id'>>().toEqualTypeOf<{ id: string }>()
expectTypeOf<Params<'/'>>().toEqualTypeOf<Record<string, never>>()
expectTypeOf<Params<'/static/path'>>().toEqualTypeOf<Record<string, never>>()
expectTypeOf<Params<'/users/:id?'>>().toEqualTypeOf<{ id?: string }>()
expectTypeOf<Params<'/files/*'>>().toEqualTypeOf<{ '*': string }>()
expectTypeOf<Params<'/files/:dir/*'>>().toEqualTypeOf<{ dir: string; '*': string }>()
expectTypeOf<Params<'/v:version'>>().toEqualTypeOf<{ version: string }>()
expectTypeOf<Params<'/:from-:to'>>().toEqualTypeOf<{ from: string; to: string }>()
expectTypeOf<Params<'/:file.:ext'>>().toEqualTypeOf<{ file: string; ext: string }>()
expectTypeOf<Params<'/users/:id(\\d+)'>>().toEqualTypeOf<{ id: string }>()
expectTypeOf<Params<'/users/:id(\\d+)/posts/:slug'>>().toEqualTypeOf<{ id: string; slug: string }>()
// A constraint with groups and colons inside is skipped whole.
expectTypeOf<Params<'/x/:a((?:b|c):d)/:e'>>().toEqualTypeOf<{ a: string; e: string }>()
expectTypeOf<Params<'/x/:a([)(:]+)/:e'>>().toEqualTypeOf<{ a: string; e: string }>()
expectTypeOf<Params<'/x/:a(\\):z)'>>().toEqualTypeOf<{ a: string }>()
// '::' is a literal colon, not a param.
expectTypeOf<Params<'/v1/tasks::run'>>().toEqualTypeOf<Record<string, never>>()
expectTypeOf<Params<'/v1/:task::run'>>().toEqualTypeOf<{ task: string }>()
expectTypeOf<Params<'/users/:id(\\d+)?'>>().toEqualTypeOf<{ id?: string }>()
// A pattern that is not a literal gives a record.
expectTypeOf<Params<string>>().toEqualTypeOf<Record<string, string>>()
// GitHub-style routes.
expectTypeOf<Params<'/repos/:owner/:repo/issues/:number/comments'>>().toEqualTypeOf<{
  owner: string
  repo: string
  number: string
}>()

test('Router#on types the params of a handler from its pattern', () => {
  type Ctx = { log: string[] }
  const router = new Router<Handler<[Ctx], string>>()
  router.on('GET', '/users/:id/posts/:postId', (params, ctx) => {
    expectTypeOf(params).toEqualTypeOf<{ id: string; postId: string }>()
    expectTypeOf(ctx).toEqualTypeOf<Ctx>()
    ctx.log.push(params.id)
    return `${params.id}:${params.postId}`
  })
  router.on(['GET', 'HEAD'], '/files/*', (params) => params['*'])
  // @ts-expect-error: 'name' is not a param of this pattern
  router.on('GET', '/users/:id', (params) => params.name)
  // @ts-expect-error: the handler must return what the router's values return
  router.on('GET', '/n/:id', () => 42)

  const ctx: Ctx = { log: [] }
  const found = router.find('GET', '/users/7/posts/9')
  assert.ok(found?.value)
  assert.equal(found.value(found.params, ctx), '7:9')
  assert.deepEqual(ctx.log, ['7'])
})
