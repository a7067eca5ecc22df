/** Types for @medley/router, which ships none: the part of its API the adapter uses. */
declare module '@medley/router' {
  namespace MedleyRouter {
    interface Options<S> {
      storeFactory?: () => S
    }
    interface Found<S> {
      readonly store: S
      readonly params: Record<string, string>
    }
  }
  class MedleyRouter<S = Record<string, unknown>> {
    constructor(options?: MedleyRouter.Options<S>)
    /** The store of `path`, created on its first registration. */
    register(path: string): S
    find(url: string): MedleyRouter.Found<S> | null
  }
  export = MedleyRouter
}
