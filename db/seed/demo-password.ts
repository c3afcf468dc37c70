/** The password of every demo account (shown on the login page while demo accounts exist). */
export const DEMO_PASSWORD = "charaka-demo-2026";
