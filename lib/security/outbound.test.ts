import { describe, expect, it } from "vitest";
import { checkOutboundUrl, classifyAddress, describeOutboundFailure, OutboundError } from "@/lib/security/outbound";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "a loopback"],
    ["127.255.255.254", "a loopback"],
    ["::1", "a loopback"],
    ["[::1]", "a loopback"],
    ["::ffff:127.0.0.1", "a loopback"],
    ["::ffff:7f00:1", "a loopback"],
    ["0:0:0:0:0:ffff:7f00:1", "a loopback"],
    ["::127.0.0.1", "a loopback"],
    ["64:ff9b::127.0.0.1", "a loopback"],
    ["2002:7f00:1::", "a loopback"],
    ["0.0.0.0", "an unspecified"],
    ["0.1.2.3", "an unspecified"],
    ["::", "an unspecified"],
    ["10.1.2.3", "a private"],
    ["172.16.0.1", "a private"],
    ["172.31.255.255", "a private"],
    ["192.168.1.1", "a private"],
    ["::ffff:10.0.0.1", "a private"],
    ["::ffff:192.168.0.1", "a private"],
    ["100.64.0.1", "a carrier-grade NAT (100.64.0.0/10)"],
    ["100.127.255.255", "a carrier-grade NAT (100.64.0.0/10)"],
    ["169.254.169.254", "a link-local"],
    ["::ffff:169.254.169.254", "a link-local"],
    ["fe80::1", "a link-local"],
    ["fc00::1", "a unique-local"],
    ["fd12:3456::1", "a unique-local"],
    ["224.0.0.1", "a multicast"],
    ["239.255.255.250", "a multicast"],
    ["ff02::1", "a multicast"],
    ["255.255.255.255", "a reserved"],
    ["192.0.2.10", "a documentation"],
    ["2001:db8::1", "a documentation"],
    ["not-an-address", "an invalid"],
  ])("M2: refuses %s as %s address", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    "93.184.215.14",
    "8.8.8.8",
    "1.1.1.1",
    "100.63.255.255",
    "100.128.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.169.0.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
  ])("M2: allows the public address %s", (address) => {
    expect(classifyAddress(address)).toBeNull();
  });
});

describe("checkOutboundUrl", () => {
  const refuse = { allowPrivate: false };

  // The URL parser writes each numeric form as the address it means; the check sees that.
  it.each([
    ["http://127.0.0.1:5432/", "127.0.0.1", "a loopback"],
    ["http://0.0.0.0:5432/", "0.0.0.0", "an unspecified"],
    ["http://2130706433/", "127.0.0.1", "a loopback"],
    ["http://127.1/", "127.0.0.1", "a loopback"],
    ["http://0x7f.1/", "127.0.0.1", "a loopback"],
    ["http://0177.0.0.1/", "127.0.0.1", "a loopback"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1", "a loopback"],
    ["http://[::1]:8080/", "::1", "a loopback"],
    ["https://169.254.169.254/latest/meta-data", "169.254.169.254", "a link-local"],
    ["https://100.64.1.1/", "100.64.1.1", "a carrier-grade NAT (100.64.0.0/10)"],
    ["https://[fd00::1]/", "fd00::1", "a unique-local"],
  ])("M2: refuses %s, naming %s", async (url, address, kind) => {
    await expect(checkOutboundUrl(url, refuse)).resolves.toBe(
      `refused: ${address} is ${kind} address; set ALLOW_PRIVATE_OUTBOUND=true for receivers on your own network.`,
    );
  });

  it("M2: refuses a host name when any address it resolves to is private", async () => {
    const resolve = () =>
      Promise.resolve([
        { address: "93.184.215.14", family: 4 },
        { address: "10.0.0.5", family: 4 },
      ]);
    await expect(checkOutboundUrl("https://hooks.example.test/x", { ...refuse, resolve })).resolves.toBe(
      "refused: hooks.example.test resolves to 10.0.0.5, a private address; set ALLOW_PRIVATE_OUTBOUND=true for receivers on your own network.",
    );
  });

  it("M2: refuses a host name that does not resolve", async () => {
    const resolve = () =>
      Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.test"), { code: "ENOTFOUND" }));
    await expect(checkOutboundUrl("https://nowhere.test/x", { ...refuse, resolve })).resolves.toBe(
      "refused: nowhere.test could not be resolved (ENOTFOUND); check the host name.",
    );
  });

  it("M2: allows public addresses and public host names", async () => {
    const resolve = () => Promise.resolve([{ address: "2606:4700:4700::1111", family: 6 }]);
    await expect(checkOutboundUrl("https://93.184.215.14/hook", refuse)).resolves.toBeNull();
    await expect(checkOutboundUrl("https://hooks.example.test/x", { ...refuse, resolve })).resolves.toBeNull();
  });

  it("M2: allows everything with ALLOW_PRIVATE_OUTBOUND=true, without a lookup", async () => {
    const resolve = () => Promise.reject(new Error("must not be asked"));
    await expect(checkOutboundUrl("http://127.0.0.1:9/x", { allowPrivate: true, resolve })).resolves.toBeNull();
    await expect(checkOutboundUrl("http://localhost:9/x", { allowPrivate: true, resolve })).resolves.toBeNull();
  });
});

describe("describeOutboundFailure", () => {
  it("M2: says fixed words and a local code, never what the peer sent", () => {
    expect(describeOutboundFailure(new OutboundError("private-address"), 10_000)).toBe("refused: private address");
    expect(describeOutboundFailure(new OutboundError("timeout"), 10_000)).toBe("timed out: no answer within 10 s.");
    expect(
      describeOutboundFailure(
        Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:5432"), { code: "ECONNREFUSED" }),
        1,
      ),
    ).toBe("Could not reach the receiver: connection refused (ECONNREFUSED).");
    const parse = Object.assign(new Error("Parse Error: Expected HTTP/, got SSH-2.0-OpenSSH_9.6"), {
      code: "HPE_INVALID_CONSTANT",
      rawPacket: Buffer.from("SSH-2.0-OpenSSH_9.6\r\n"),
    });
    expect(describeOutboundFailure(parse, 1)).toBe(
      "Could not reach the receiver: the answer was not HTTP (HPE_INVALID_CONSTANT).",
    );
    expect(describeOutboundFailure(new Error("other side closed: SSH-2.0"), 1)).toBe(
      "Could not reach the receiver: the connection failed.",
    );
  });
});
