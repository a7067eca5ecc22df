/**
 * A progress display on stderr for long runs: on a terminal, a bar with the ETA and what is being
 * done, with finished lines printed above it; elsewhere (CI logs), plain lines prefixed with the
 * counts and the ETA.
 */
import * as f from './report/format.js'

export class ProgressBar {
  private readonly tty: boolean
  private readonly started = performance.now()
  /** When the first counted step started: the ETA extrapolates from counted steps alone. */
  private counting: number | null = null
  private status = ''
  private done = 0
  private total = 0

  constructor(
    private readonly estimateSec: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = stream.isTTY === true
  }

  /** Shows what is going on now, without counting a step. */
  show(status: string): void {
    this.status = status
    this.draw()
  }

  /** A counted step starts: `done` of `total` are finished. */
  start(status: string, done: number, total: number): void {
    this.counting ??= performance.now()
    this.done = done
    this.total = total
    this.show(status)
  }

  /** A line to keep, such as a result; with the counts when `done` and `total` are given. */
  print(line: string, done?: number, total?: number): void {
    if (done !== undefined && total !== undefined) {
      this.done = done
      this.total = total
    }
    const counted =
      done === undefined || this.tty ? line : `[${done}/${total}, ${this.eta()}] ${line}`
    if (this.tty) this.stream.write(`\r\u001b[2K${counted}\n`)
    else this.stream.write(`${counted}\n`)
    if (this.tty && this.status !== '') this.draw()
  }

  /** Clears the bar at the end. */
  finish(): void {
    if (this.tty) this.stream.write('\r\u001b[2K')
  }

  private eta(): string {
    const now = performance.now()
    const left =
      this.done === 0 || this.counting === null
        ? Math.max(0, this.estimateSec - (now - this.started) / 1000)
        : ((now - this.counting) / 1000 / this.done) * (this.total - this.done)
    return `ETA ${f.seconds(left)}`
  }

  private draw(): void {
    if (!this.tty) return
    const width = 24
    const share = this.total === 0 ? 0 : this.done / this.total
    const filled = Math.round(share * width)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
    const text = `[${bar}] ${Math.round(share * 100)}% ${this.done}/${this.total} · ${this.eta()} · ${this.status}`
    const columns = this.stream.columns ?? 120
    this.stream.write(`\r\u001b[2K${text.slice(0, columns - 1)}`)
  }
}
