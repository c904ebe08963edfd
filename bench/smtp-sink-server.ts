// An SMTP server for the send benchmark, in its own process so its work does not share the sender's event
// loop: accepts every message, reads and drops the data, and answers 250. Prints {"port": N} when listening;
// a line on stdin asks for the number of messages received so far.
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { SMTPServer } from 'smtp-server';

let received = 0;
let bytes = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 0,
  maxClients: 200,
  onData(stream, _session, callback) {
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
// A client gone mid-message is an 'error' event in smtp-server; a mail server notes it and carries on.
server.on('error', (error: Error) => console.error(`sink: ${error.message}`));
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.server.address() as AddressInfo).port }));
});
createInterface({ input: process.stdin }).on('line', () => console.log(JSON.stringify({ received, bytes })));
process.stdin.on('end', () => server.close(() => process.exit(0)));
