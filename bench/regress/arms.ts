/**
 * The arms of a side-by-side run: base, head, and head again (the A/A pair that measures the run's
 * own noise), and the order in which a round measures them.
 */
import { rotate } from '../lib/rounds.js'

export const ARMS = ['base', 'head', 'again'] as const
export type Arm = (typeof ARMS)[number]

/**
 * The order of the windows in round `r`: ABCCBA, the arms taking turns at each place from round to
 * round, so that no arm always runs first or last (in one process the place alone is worth a
 * percent or two).
 */
export function order(r: number): Arm[] {
  const [a, b, c] = rotate(ARMS, r % ARMS.length) as [Arm, Arm, Arm]
  return [a, b, c, c, b, a]
}
