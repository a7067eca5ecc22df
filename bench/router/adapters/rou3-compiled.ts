import { compileRouter } from 'rou3/compiler'
import type { Adapter } from './adapter.js'
import { rou3Answer, rou3Router } from './rou3.js'

const adapter: Adapter = {
  name: 'rou3-compiled',
  description: "rou3's compileRouter: the same routes turned into one JavaScript function.",
  packages: ['rou3'],
  decodesParams: false,
  build(routes) {
    const match = compileRouter(rou3Router(routes))
    return {
      find: (method, path) => match(method, path),
      answer: rou3Answer,
    }
  },
}

export default adapter
