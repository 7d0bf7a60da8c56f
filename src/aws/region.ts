/**
 * Reads `region` of a profile from the shared AWS config files (`~/.aws/config`, honouring
 * `AWS_CONFIG_FILE`), the last place the AWS CLI looks; imported lazily because most runs get the
 * region from a flag or the environment.
 */
export async function readProfileRegion(profile: string): Promise<string | undefined> {
  const { loadSharedConfigFiles } = await import("@smithy/shared-ini-file-loader");
  const files = await loadSharedConfigFiles();
  const region = files.configFile[profile]?.region ?? files.credentialsFile[profile]?.region;
  return typeof region === "string" && region !== "" ? region : undefined;
}
