export { DEMO_ACCOUNTS, DEMO_PASSWORD, demoAccountsTable, hasDemoAccounts, seedDemoIfEmpty } from "./demo";
