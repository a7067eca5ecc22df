/** How numbers are written in every table: one place, so the Markdown, HTML and console agree. */
import type { Interval } from '../schema.js'

export function reqs(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

export function ratio(n: number): string {
  return `${n.toFixed(2)}×`
}

/** `1.31× [1.25–1.38]` */
export function ratioInterval(i: Interval): string {
  return `${ratio(i.median)} [${i.low.toFixed(2)}–${i.high.toFixed(2)}]`
}

/** `48,213 [47,100–49,020]` */
export function reqsInterval(i: Interval): string {
  return `${reqs(i.median)} [${reqs(i.low)}–${reqs(i.high)}]`
}

/** Microseconds, written in µs below 1 ms and in ms above. */
export function micros(us: number): string {
  if (us < 1000) return `${Math.round(us)} µs`
  return `${(us / 1000).toFixed(us < 10_000 ? 2 : 1)} ms`
}

/** Nanoseconds, with the precision their size deserves. */
export function ns(value: number): string {
  if (value < 10) return `${value.toFixed(2)} ns`
  if (value < 100) return `${value.toFixed(1)} ns`
  if (value < 100_000) return `${Math.round(value).toLocaleString('en-US')} ns`
  return `${(value / 1000).toFixed(0)} µs`
}

export function bytes(n: number): string {
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KiB`
  return `${(n / 1024 / 1024).toFixed(1)} MiB`
}

export function seconds(s: number): string {
  if (s < 60) return `${Math.round(s)} s`
  const m = Math.floor(s / 60)
  return `${m} min ${Math.round(s - m * 60)} s`
}

/** `27.1 µs [26.4–27.9]`: microseconds per request with their interval. */
export function microsInterval(i: Interval): string {
  const digits = i.median < 100 ? 1 : 0
  return `${i.median.toFixed(digits)} µs [${i.low.toFixed(digits)}–${i.high.toFixed(digits)}]`
}

/** A ratio as a signed change: 1.051 is `+5.1%`, 0.97 is `−3.0%`. */
export function signedPercent(ratio: number): string {
  const change = (ratio - 1) * 100
  return `${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(1)}%`
}
