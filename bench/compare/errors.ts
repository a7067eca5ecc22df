import { CannotRunError } from '../lib/command.js'

/**
 * Why two files cannot be compared: one of them cannot be read or is not a valid results file, or
 * the two differ in a way that makes their figures incomparable. The message is one line that
 * names the file and the problem; the command prints it and exits with code 2.
 */
export class CompareError extends CannotRunError {
  override readonly name = 'CompareError'
}
