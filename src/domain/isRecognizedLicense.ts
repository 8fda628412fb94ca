import type { DriverLicense } from './DriverLicense';

/**
 * False when OCR found neither a licence number nor a name: the image is not a licence (or is
 * unreadable), and the service answers NOT_A_LICENSE instead of saving an empty record.
 */
export function isRecognizedLicense(license: Pick<DriverLicense, 'idNum' | 'name'>): boolean {
  return license.idNum.trim() !== '' || license.name.trim() !== '';
}
