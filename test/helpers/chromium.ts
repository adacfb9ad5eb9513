import { existsSync } from 'node:fs';
import { describe } from 'vitest';

/** The install command named when Chromium is missing (Debian's package; playwright-core drives it, no browser download). */
export const CHROMIUM_INSTALL_HINT = 'sudo apt-get install -y chromium';

/** The browser the real-browser tests drive: `CHROMIUM_PATH` when set, else Debian's. */
export const chromiumPath = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/**
 * Whether that browser is there. Without it the real-browser tests are skipped, and
 * test/global-setup.ts says so in one line, or fails the run under CI=true.
 */
export const chromiumInstalled = existsSync(chromiumPath);

/** `describe` when Chromium is installed, else `describe.skip`. */
export const describeWithChromium = chromiumInstalled ? describe : describe.skip;
