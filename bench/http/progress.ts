/**
 * What a person sees while `npm run bench` runs, on stderr: a progress bar with the ETA and the
 * current server and scenario, and each result as it lands.
 */
import { ProgressBar } from '../lib/progress-bar.js'
import * as f from '../lib/report/format.js'
import { cellName } from './cells.js'
import { LAYERS } from './profile/layers.js'
import type { Reporter } from './run.js'
import type { CellProfile, Result, Round } from './schema.js'

export class Progress implements Reporter {
  private readonly bar: ProgressBar

  constructor(estimateSec: number, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new ProgressBar(estimateSec, stream)
  }

  step(text: string): void {
    this.bar.show(text)
  }

  skipped(server: string, reason: string, failed: boolean): void {
    this.bar.print(`${failed ? 'FAILED' : 'skipped'} ${server}: ${reason}`)
  }

  next(server: string, scenario: string, round: number, done: number, total: number): void {
    this.bar.start(`round ${round} · ${server} · ${scenario}`, done, total)
  }

  measured(result: Result, round: Round, done: number, total: number): void {
    const head = `round ${round.round}  ${cellName(result).padEnd(9)} ${result.scenario.padEnd(10)}`
    let line: string
    if (!round.valid) {
      line = `${head} INVALID: ${round.invalidReason}`
    } else {
      const cost = round.costUs === null ? '' : `${round.costUs.toFixed(1).padStart(6)} µs/req  `
      const ratio = round.ratio === null ? '' : ` ${f.ratio(round.ratio)}`
      const l = round.latencyUs
      const cpu =
        round.serverCpu === null
          ? ''
          : `  cpu server ${round.serverCpu.toFixed(2)} client ${round.clientCpu?.toFixed(2) ?? '?'}`
      const warm =
        round.warmupMs === null
          ? ''
          : `  warm ${(round.warmupMs / 1000).toFixed(1)} s${round.steady ? '' : ' (not steady)'}`
      const flags = `${round.drift ? '  drift' : ''}${round.clientBound ? '  client-bound' : ''}`
      line = `${head} ${cost}${f.reqs(round.reqPerSec).padStart(8)} req/s${ratio}  p50 ${f.micros(l.p50)}  p99 ${f.micros(l.p99)}${cpu}${warm}${flags}`
    }
    this.bar.print(line, done, total)
  }

  profiled(cell: CellProfile, done: number, total: number): void {
    const head = `profile  ${cellName(cell).padEnd(9)} ${cell.scenario.padEnd(10)}`
    if (cell.layers === null) {
      this.bar.print(`${head} FAILED: ${cell.reason}`, done, total)
      return
    }
    const layers = LAYERS.map((layer) => {
      const figure = cell.layers?.[layer]
      return `${layer} ${Math.round((figure?.share ?? 0) * 100)}%`
    }).join(' · ')
    const cost = cell.costUs === null ? '' : `${cell.costUs.toFixed(1)} µs/req: `
    const overhead =
      cell.overhead === null ? '' : `  (profiler overhead ${f.signedPercent(cell.overhead)})`
    this.bar.print(`${head} ${cost}${layers}${overhead}`, done, total)
  }

  /** Clears the bar at the end. */
  finish(): void {
    this.bar.finish()
  }
}
