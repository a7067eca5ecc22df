/**
 * What a person sees while the benchmark runs, on stderr: on a terminal, a progress bar with the
 * ETA and the current server and scenario, with each result printed above it as it lands;
 * elsewhere (CI logs), one line per result with the same counts.
 */

import * as f from './report/format.js'
import type { Reporter } from './run.js'
import type { Result, Round } from './schema.js'

export class Progress implements Reporter {
  private readonly tty: boolean
  private readonly started = performance.now()
  /** When the first measurement started: the ETA extrapolates from measurements alone. */
  private measuring: number | null = null
  private status = ''
  private done = 0
  private total = 0

  constructor(
    private readonly estimateSec: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = stream.isTTY === true
  }

  step(text: string): void {
    this.show(text)
  }

  skipped(server: string, reason: string, failed: boolean): void {
    this.print(`${failed ? 'FAILED' : 'skipped'} ${server}: ${reason}`)
  }

  next(server: string, scenario: string, round: number, done: number, total: number): void {
    this.measuring ??= performance.now()
    this.done = done
    this.total = total
    this.show(`round ${round} · ${server} · ${scenario}`)
  }

  measured(result: Result, round: Round, done: number, total: number): void {
    this.done = done
    this.total = total
    const head = `round ${round.round}  ${result.server.padEnd(9)} ${result.scenario.padEnd(10)}`
    let line: string
    if (!round.valid) {
      line = `${head} INVALID: ${round.invalidReason}`
    } else {
      const ratio = round.ratio === null ? '' : `  ${f.ratio(round.ratio)}`
      const l = round.latencyUs
      const cpu =
        round.serverCpu === null
          ? ''
          : `  cpu server ${round.serverCpu.toFixed(2)} client ${round.clientCpu?.toFixed(2)}`
      line = `${head} ${f.reqs(round.reqPerSec).padStart(8)} req/s${ratio}  p50 ${f.micros(l.p50)}  p99 ${f.micros(l.p99)}${cpu}${round.clientBound ? '  ⚠ client-bound' : ''}`
    }
    this.print(this.tty ? line : `[${done}/${total}, ${this.eta()}] ${line}`)
  }

  /** Clears the bar at the end. */
  finish(): void {
    if (this.tty) this.stream.write('\r\u001b[2K')
  }

  private eta(): string {
    const now = performance.now()
    const left =
      this.done === 0 || this.measuring === null
        ? Math.max(0, this.estimateSec - (now - this.started) / 1000)
        : ((now - this.measuring) / 1000 / this.done) * (this.total - this.done)
    return `ETA ${f.seconds(left)}`
  }

  private print(line: string): void {
    if (this.tty) this.stream.write(`\r\u001b[2K${line}\n`)
    else this.stream.write(`${line}\n`)
    if (this.tty && this.status !== '') this.show(this.status)
  }

  private show(status: string): void {
    this.status = status
    if (!this.tty) return
    const width = 24
    const share = this.total === 0 ? 0 : this.done / this.total
    const filled = Math.round(share * width)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
    const text = `[${bar}] ${Math.round(share * 100)}% ${this.done}/${this.total} · ${this.eta()} · ${status}`
    const columns = this.stream.columns ?? 120
    this.stream.write(`\r\u001b[2K${text.slice(0, columns - 1)}`)
  }
}
