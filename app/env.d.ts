import "@remix-run/node";
import "@remix-run/server-runtime";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** Nonce for this response's Content-Security-Policy. */
    cspNonce: string;
    /** This request's id (X-Request-Id, on its log lines and its error page). */
    requestId: string;
    /** The client's IP as seen by Express (X-Forwarded-For only when TRUST_PROXY allows). */
    clientIp: string | null;
    /** A browser on the server's own machine (isLoopbackClient): demo accounts may sign in. */
    clientIsLocal: boolean;
  }
}

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
