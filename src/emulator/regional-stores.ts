import { createDataPlaneState } from "./data-plane.js";
import type { DataPlaneState } from "./data-plane.js";
import { replaceContents, shapeMismatch } from "./persisted-data.js";
import type { PartData } from "./persisted-data.js";
import { createRuntimeStore } from "./state.js";
import type { RuntimeStore, RuntimeStoreOptions, RuntimeView } from "./state.js";

/** The regions an emulator answers for: a list, or every syntactically valid region name. */
export type ServedRegions = readonly string[] | "all";

/** One runtime store per region, created on the first request signed for that region. */
export interface RegionalStores {
  /** Whether a request signed for `region` is answered (else it is refused as a regional endpoint would). */
  serves(region: string): boolean;
  forRegion(region: string): RuntimeStore;
  /** The region's runtime sessions and log groups. */
  dataPlane(region: string): DataPlaneState;
  /** Every region's runtimes, regions in the order first used. */
  snapshot(now: number): RuntimeView[];
  reset(): void;
  /** Every region's data, by region (see persisted-data.ts). */
  data(): PartData;
  /** Replaces every region's data with `loaded` (a decoded {@link RegionalStores.data}); the reason when it does not fit, and nothing changed. */
  restore(loaded: unknown): string | undefined;
}

// Region names as AWS spells them: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`.
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
// With every region served, a bound on how many get a store, so that made-up names cannot grow memory.
const MAX_REGIONS = 64;

/** Creates the per-region stores; `options` are every store's options but the region. */
export function createRegionalStores(regions: ServedRegions, options: Omit<RuntimeStoreOptions, "region">): RegionalStores {
  const stores = new Map<string, RuntimeStore>();
  const planes = new Map<string, DataPlaneState>();
  const listed = regions === "all" ? undefined : new Set(regions);
  const forRegion = (region: string): RuntimeStore => {
    let store = stores.get(region);
    if (store === undefined) {
      store = createRuntimeStore({ ...options, region });
      stores.set(region, store);
    }
    return store;
  };
  return {
    serves: (region) =>
      listed === undefined ? REGION_NAME.test(region) && (stores.has(region) || stores.size < MAX_REGIONS) : listed.has(region),
    forRegion,
    dataPlane(region) {
      let plane = planes.get(region);
      if (plane === undefined) {
        plane = createDataPlaneState();
        planes.set(region, plane);
      }
      return plane;
    },
    snapshot: (now) => [...stores.values()].flatMap((store) => store.snapshot(now)),
    reset() {
      for (const store of stores.values()) store.reset();
      planes.clear();
    },
    data: () => ({ regions: new Map([...stores].map(([region, store]) => [region, store.data])) }),
    restore(loaded) {
      const regionsData = (loaded as { regions?: unknown } | null)?.regions;
      if (!(regionsData instanceof Map)) return "it holds no regions";
      // Checked against a fresh store's data first, so that a file that does not fit changes nothing.
      const blank = createRuntimeStore({ ...options, region: "us-east-1" }).data;
      for (const [region, part] of regionsData) {
        if (typeof region !== "string" || !REGION_NAME.test(region)) return `it names a region that is not one (${String(region)})`;
        const mismatch = shapeMismatch(blank, part);
        if (mismatch !== undefined) return `its ${region} part does not fit: ${mismatch}`;
      }
      for (const [region, part] of regionsData as Map<string, PartData>) replaceContents(forRegion(region).data, part);
      return undefined;
    },
  };
}
