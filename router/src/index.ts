export {
  DuplicateRouteError,
  MethodError,
  PatternError,
  RouterError,
  UnsafePatternError,
} from './errors.js'
export { MAX_PARAMS } from './pattern.js'
export { MALFORMED_URI, PARAM_TOO_LONG, Router } from './router.js'
export type {
  FindError,
  FindResult,
  Handler,
  Match,
  Params,
  ParamsRecord,
  RouteInfo,
  RouterOptions,
  TypedHandler,
} from './types.js'
