/** Digits as people type them, read the same way by every number and amount field (pure, client-safe). */

/**
 * Digits as Arabic keyboards type them: Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹) read as
 * 0–9, the Arabic decimal separator (٫) as a comma and its thousands separator (٬) as a space. The
 * one place every number and amount field reads digits through.
 */
export function asciiDigits(value: string): string {
  return value
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, ",")
    .replace(/\u066c/g, " ");
}
