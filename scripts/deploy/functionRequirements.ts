/**
 * What each cloud function needs from the platform. The openapi list is what its config.json must
 * grant: a function that calls `cloud.openapi.ocr.driverLicense` without `ocr.driverLicense` in
 * `permissions.openapi` fails at run time with errCode -604101, long after a "successful" deploy.
 */
export interface FunctionRequirement {
  openapi: readonly string[];
}

export const FUNCTION_REQUIREMENTS: Readonly<Record<string, FunctionRequirement>> = {
  ocrDriverLicense: { openapi: ['ocr.driverLicense'] },
  driverLicenses: { openapi: [] },
};

/** Look-alike APIs that are easy to grant by mistake: 行驶证 (vehicle licence) is not 驾驶证. */
export const CONFUSABLE_OPENAPI: Readonly<Record<string, string>> = {
  'ocr.driverLicense': 'ocr.vehicleLicense',
};

export function requirementFor(name: string): FunctionRequirement {
  return FUNCTION_REQUIREMENTS[name] ?? { openapi: [] };
}
