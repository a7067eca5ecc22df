/**
 * When a server is warm: the rule that ends its warm-up on a scenario. A server started a moment
 * ago is still being compiled: V8 optimises the hot functions of its handlers, its router and
 * `node:http` over the first thousands of requests, and a large generated router takes most of a
 * second of load. Measured before then, a figure is the compiler's; a fixed short warm-up was what
 * once put `trie` at 0.70× of `node-http` on `routing` where it is faster.
 *
 * The warm-up loads the server in short windows and watches its cost per request (server CPU over
 * responses; the load generator's pace does not enter it, so it settles whether the load
 * generator or the server is the bottleneck): it is steady once the best recent window has not
 * improved by 10% for `quietSec`, between `minSec` and `maxSec`. A warm-up that reaches `maxSec`
 * without settling is recorded as not steady, and the results say so.
 */

export interface SteadyRule {
  /** Seconds of load per window. */
  readonly windowSec: number
  /** Improvement (0.03 is 3%) below which a window is no better. */
  readonly improvement: number
  /** Seconds without improvement after which the cost is steady. */
  readonly quietSec: number
  readonly minSec: number
  readonly maxSec: number
}

export const STEADY_RULE = {
  windowSec: 0.25,
  // The compiler's gains are large (a cold server costs two to five times a warm one per
  // request); windows of a quarter second on a shared machine scatter by 10% and more, and a
  // smaller threshold took the scatter for progress and ran most warm-ups to their bound.
  improvement: 0.1,
  quietSec: 0.75,
  minSec: 0.75,
} as const

export function steadyRule(maxSec: number): SteadyRule {
  return {
    ...STEADY_RULE,
    minSec: Math.min(STEADY_RULE.minSec, maxSec),
    maxSec,
  }
}

/** The rule in words, for the method paragraph of every report. */
export function steadyRuleText(rule: SteadyRule): string {
  return `warmed on each scenario in ${rule.windowSec} s windows until its CPU cost per request was steady (the median of the last three windows not ${rule.improvement * 100}% better than the best so far for ${rule.quietSec} s, after at least ${rule.minSec} s and at most ${rule.maxSec} s)`
}

export type SteadyState = 'warming' | 'steady' | 'not steady'

/**
 * Follows the windows of one warm-up. `add` takes each window's figure (lower is better: cost per
 * request, or seconds per response where the server's CPU is unknown) at the time it ended, in
 * seconds since the warm-up began, and says whether to go on.
 */
export class SteadyTracker {
  private readonly recent: number[] = []
  private best = Number.POSITIVE_INFINITY
  private bestAt = 0

  constructor(private readonly rule: SteadyRule) {}

  add(atSec: number, value: number): SteadyState {
    this.recent.push(value)
    if (this.recent.length > 3) this.recent.shift()
    if (this.recent.length === 3) {
      const smoothed = [...this.recent].sort((a, b) => a - b)[1] as number
      if (smoothed < this.best * (1 - this.rule.improvement)) {
        this.best = smoothed
        this.bestAt = atSec
      }
    }
    if (
      atSec >= this.rule.minSec &&
      this.recent.length === 3 &&
      atSec - this.bestAt >= this.rule.quietSec
    )
      return 'steady'
    return atSec >= this.rule.maxSec ? 'not steady' : 'warming'
  }
}
