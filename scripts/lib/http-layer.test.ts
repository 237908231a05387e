// The HTTP layer in front of Next (scripts/serve.mjs), with a plain handler in Next's place,
// over real sockets on loopback. The whole app behind it: e2e/request-hygiene.spec.ts.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpLayer, MAX_API_BODY_BYTES, sanitiseForwarding } from "./http-layer.mjs";

type Seen = { headers: http.IncomingHttpHeaders; bodyBytes: number };

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A layer whose handler echoes the headers it was given and counts the body it read. */
async function start(trustedProxies: number): Promise<{ port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createHttpLayer({
    trustedProxies,
    hasSession: (req) => Promise.resolve(req.headers.cookie === "session=valid"),
    handle: (req, res) => {
      let bodyBytes = 0;
      req.on("data", (chunk: Buffer) => (bodyBytes += chunk.length));
      req.on("end", () => {
        seen.push({ headers: req.headers, bodyBytes });
        res.end("ok");
      });
    },
  });
  servers.push(server);
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

function get(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, headers, agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
  });
}

/** Sends the head and `firstPart` of a body on a raw socket and resolves with the answer's
 * status line as soon as one arrives, saying whether the body was still unfinished then. */
function answerWhileSending(port: number, head: string, firstPart: Buffer): Promise<{ status: string; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(head);
      socket.write(firstPart);
    });
    let text = "";
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\r\n\r\n") && text.includes("}")) {
        socket.destroy();
        resolve({ status: text.split("\r\n")[0]!, text });
      }
    });
    socket.on("error", reject);
  });
}

describe("sanitiseForwarding", () => {
  it("M4: with no trusted proxy, X-Forwarded-For is the socket address whatever the client sent", () => {
    const headers = { "x-forwarded-for": "203.0.113.9, 10.0.0.1", "x-real-ip": "203.0.113.9" };
    sanitiseForwarding(headers, "198.51.100.2", 0);
    expect(headers).toEqual({ "x-forwarded-for": "198.51.100.2" });
  });

  it("M4: with N trusted proxies, the client is the address N entries from the right", () => {
    const one = { "x-forwarded-for": "6.6.6.6, 203.0.113.9" };
    sanitiseForwarding(one, "10.0.0.1", 1);
    expect(one["x-forwarded-for"]).toBe("203.0.113.9");
    const two = { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" };
    sanitiseForwarding(two, "10.0.0.1", 2);
    expect(two["x-forwarded-for"]).toBe("203.0.113.9");
    // Fewer entries than proxies: it did not come through them; the socket is all we know.
    const direct: http.IncomingHttpHeaders = { "x-forwarded-host": "evil.example" };
    sanitiseForwarding(direct, "198.51.100.2", 1);
    expect(direct).toEqual({ "x-forwarded-for": "198.51.100.2" });
  });

  it("I4: X-Forwarded-Host and -Proto are dropped unless a trusted proxy set them (its value, the last)", () => {
    const untrusted = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", forwarded: "host=evil" };
    sanitiseForwarding(untrusted, "198.51.100.2", 0);
    expect(untrusted).toEqual({ "x-forwarded-for": "198.51.100.2" });
    const trusted = {
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-host": "evil.example, preflight.example",
      "x-forwarded-proto": "https",
    };
    sanitiseForwarding(trusted, "10.0.0.1", 1);
    expect(trusted).toEqual({
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-host": "preflight.example",
      "x-forwarded-proto": "https",
    });
  });
});

describe("the HTTP layer", () => {
  it("M4: rotating X-Forwarded-For does not change the address the app sees", async () => {
    const { port, seen } = await start(0);
    for (const claimed of ["203.0.113.1", "203.0.113.2", "198.51.100.3, 203.0.113.4"])
      expect(await get(port, { "X-Forwarded-For": claimed, "X-Forwarded-Host": "evil.example" })).toBe(200);
    expect(seen.map((request) => request.headers["x-forwarded-for"])).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
    expect(seen.map((request) => request.headers["x-forwarded-host"])).toEqual([undefined, undefined, undefined]);
  });

  it("L4: a declared body over the cap is refused with 413 before any of it is sent", async () => {
    const { port, seen } = await start(0);
    const answer = await answerWhileSending(
      port,
      `POST /api/v1/deployments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${MAX_API_BODY_BYTES + 1}\r\n\r\n`,
      Buffer.alloc(0),
    );
    expect(answer.status).toBe("HTTP/1.1 413 Payload Too Large");
    expect(answer.text).toContain(`The request body is larger than ${MAX_API_BODY_BYTES} bytes.`);
    expect(seen).toEqual([]);
  });

  it("L4: a chunked body is counted as it streams and refused with 413 once past the cap, mid-body", async () => {
    const { port, seen } = await start(0);
    const part = Buffer.alloc(MAX_API_BODY_BYTES + 10, "a");
    const chunk = Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from("\r\n")]);
    // The body never ends (no terminating 0-chunk): the answer must come while it is still being sent.
    const answer = await answerWhileSending(
      port,
      `POST /api/v1/deployments HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer pf_${"a".repeat(43)}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      chunk,
    );
    expect(answer.status).toBe("HTTP/1.1 413 Payload Too Large");
    expect(seen).toEqual([]);
  });

  it("L4: a server action from nobody signed in gets 401 while its 2.8 MB body is still being sent", async () => {
    const { port, seen } = await start(0);
    const head = (extra: string) =>
      `POST /deployments HTTP/1.1\r\nHost: 127.0.0.1\r\nNext-Action: 7f1c\r\n${extra}Content-Length: 2800000\r\n\r\n`;
    for (const extra of ["", "Cookie: session=forged\r\n"]) {
      const answer = await answerWhileSending(port, head(extra), Buffer.alloc(100_000, "a"));
      expect(answer.status).toBe("HTTP/1.1 401 Unauthorized");
      expect(answer.text).toContain("Your session has ended; sign in again.");
    }
    expect(seen).toEqual([]);
  });

  it("L4: an API write with neither a session nor a well-formed token gets 401 before its body is read", async () => {
    const { port, seen } = await start(0);
    const head = (extra: string) =>
      `PATCH /api/v1/deployments/x HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Content-Length: 900000\r\n\r\n`;
    const anonymous = await answerWhileSending(port, head(""), Buffer.alloc(1000, "a"));
    expect(anonymous.status).toBe("HTTP/1.1 401 Unauthorized");
    expect(anonymous.text).toContain("Sign in, or send an API token");
    const badToken = await answerWhileSending(port, head("Authorization: Bearer nope\r\n"), Buffer.alloc(1000, "a"));
    expect(badToken.status).toBe("HTTP/1.1 401 Unauthorized");
    expect(seen).toEqual([]);
  });

  it("passes signed-in actions and token-shaped API writes on to the handler", async () => {
    const { port, seen } = await start(0);
    const post = (path: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const request = http.request({ host: "127.0.0.1", port, method: "POST", path, headers, agent: false }, (r) => {
          r.resume();
          r.on("end", () => resolve(r.statusCode ?? 0));
        });
        request.on("error", reject);
        request.end("[]");
      });
    expect(await post("/deployments", { "Next-Action": "7f1c", Cookie: "session=valid" })).toBe(200);
    expect(await post("/api/v1/deployments", { Authorization: `Bearer pf_${"a".repeat(43)}` })).toBe(200);
    expect(await post("/api/v1/deployments", { Cookie: "session=valid" })).toBe(200);
    expect(seen).toHaveLength(3);
  });

  it("passes a body within the cap on to the handler whole", async () => {
    const { port, seen } = await start(0);
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/deployments",
          headers: { Cookie: "session=valid" },
          agent: false,
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        },
      );
      request.on("error", reject);
      request.write(Buffer.alloc(70_000, "b"));
      request.end(Buffer.alloc(70_000, "c"));
    });
    expect(status).toBe(200);
    expect(seen[0]?.bodyBytes).toBe(140_000);
  });
});
