/**
 * How the console draws a QR payload (qrcode's options). The browser tests read the drawn
 * canvas back with these, module by module, and compare it with the payload GET /session holds.
 */
export const QR_DRAWING_OPTIONS = {
  errorCorrectionLevel: 'L',
  margin: 4,
  scale: 5,
  color: { dark: '#000000ff', light: '#ffffffff' },
} as const;
