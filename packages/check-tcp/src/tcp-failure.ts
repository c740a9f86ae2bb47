/** An expected failure of one attempt; the message is the operator's reason. Never escapes the check. */
export class TcpFailure extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TcpFailure';
  }
}
