// A webhook receiver for tests: node:http on 127.0.0.1 with a free port, recording every
// request and answering with the statuses it is told to (200 once the list runs out); "hang"
// never answers (a sender stuck mid-send), until the receiver closes.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
export type TestReceiver = {
  url: string;
  requests: ReceivedRequest[];
  answerWith: (...statuses: (number | "hang")[]) => void;
  close: () => Promise<void>;
};

export async function startTestReceiver(): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  let statuses: (number | "hang")[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const status = statuses.shift() ?? 200;
      if (status === "hang") return;
      response.statusCode = status;
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/preflight`,
    requests,
    answerWith: (...next) => (statuses = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // fetch keeps connections alive; without this, close() would wait for them to idle out.
        server.closeAllConnections();
      }),
  };
}
