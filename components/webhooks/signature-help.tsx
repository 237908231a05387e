/** How a receiver checks that a delivery came from Preflight: shown where webhooks are managed. */
export function SignatureHelp() {
  return (
    <div className="space-y-2 text-left">
      <p>
        Each delivery is a JSON <code>POST</code> with the headers <code>X-Preflight-Event</code>,{" "}
        <code>X-Preflight-Delivery</code> (its id, to ignore repeats) and{" "}
        <code>X-Preflight-Signature: sha256=&lt;hex&gt;</code>, the HMAC-SHA256 of the exact request body keyed with the
        webhook&apos;s secret. Compute it over the raw bytes you received and compare in constant time before trusting
        the request:
      </p>
      <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs dark:bg-slate-800">
        {`const expected = "sha256=" + crypto.createHmac("sha256", secret).update(rawBody).digest("hex");
crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(header)); // same length first`}
      </pre>
      <p>
        Failed deliveries are retried with backoff (30 s, 1 min, 2 min, … up to 1 h) and marked failed after 8 attempts.
        See docs/webhooks.md.
      </p>
    </div>
  );
}
