import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

/** The CSP nonce on the server; "" in the browser (which hides nonces from the DOM). */
export function useNonce(): string {
  return useContext(NonceContext);
}
