import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { QR_DRAWING_OPTIONS } from '../../../functions/console/browser/qr-drawing-options.ts';

/**
 * The QR code a canvas shows, read back module by module (dark or light at each module's
 * centre, with the console's margin and scale): one string of 0/1 per row.
 */
export async function drawnQrModules(page: Page, selector: string): Promise<string[]> {
  return page.$eval(
    selector,
    (element, { margin, scale }) => {
      // The page's canvas, typed by what is read of it (this program has no DOM types).
      const canvas = element as unknown as {
        width: number;
        getContext(type: '2d'): {
          getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
        } | null;
      };
      const context = canvas.getContext('2d');
      if (!context) throw new Error('the QR canvas has no 2d context');
      const { width } = canvas;
      const pixels = context.getImageData(0, 0, width, width).data;
      const size = Math.round(width / scale) - 2 * margin;
      const rows: string[] = [];
      for (let row = 0; row < size; row++) {
        let line = '';
        for (let column = 0; column < size; column++) {
          const x = Math.floor((margin + column + 0.5) * scale);
          const y = Math.floor((margin + row + 0.5) * scale);
          line += (pixels[(y * width + x) * 4] ?? 255) < 128 ? '1' : '0';
        }
        rows.push(line);
      }
      return rows;
    },
    { margin: QR_DRAWING_OPTIONS.margin, scale: QR_DRAWING_OPTIONS.scale },
  );
}

/** The modules of the QR code that encodes `payload`, as the console's options make it. */
export function qrModulesOf(payload: string): string[] {
  const { modules } = QRCode.create(payload, {
    errorCorrectionLevel: QR_DRAWING_OPTIONS.errorCorrectionLevel,
  });
  const rows: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let line = '';
    for (let column = 0; column < modules.size; column++) {
      line += modules.get(row, column) ? '1' : '0';
    }
    rows.push(line);
  }
  return rows;
}
