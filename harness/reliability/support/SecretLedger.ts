import type { WeChatDriverLicenseFields } from '../../../emulator/openapi/DriverLicenseRecognizer';
import type { CapturedLine } from './OutputCapture';

export interface Leak {
  source: string;
  secret: string;
  excerpt: string;
}

/**
 * Every personal value the scenarios put on a licence, with the fragments a masked form must never
 * reveal: the full number and its middle, the name, the address and its part after the city.
 */
export class SecretLedger {
  private readonly secrets = new Set<string>();

  register(fields: WeChatDriverLicenseFields): void {
    const { id_num: idNum, name, address } = fields;
    if (idNum.length >= 10) {
      this.secrets.add(idNum);
      this.secrets.add(idNum.slice(4, -2));
    }
    if (Array.from(name).length >= 2) this.secrets.add(name);
    if (Array.from(address).length >= 6) {
      this.secrets.add(address);
      this.secrets.add(Array.from(address).slice(-5).join(''));
    }
  }

  get size(): number {
    return this.secrets.size;
  }

  /** Every captured line that contains a secret, with a short excerpt (itself masked) for the report. */
  findLeaks(lines: readonly CapturedLine[]): Leak[] {
    const leaks: Leak[] = [];
    for (const line of lines) {
      for (const secret of this.secrets) {
        const at = line.text.indexOf(secret);
        if (at < 0) continue;
        const excerpt = `${line.text.slice(Math.max(0, at - 60), at)}<${secret.length} chars>${line.text.slice(at + secret.length, at + secret.length + 40)}`;
        leaks.push({ source: line.source, secret: `${secret.slice(0, 1)}…(${secret.length})`, excerpt });
      }
    }
    return leaks;
  }
}
