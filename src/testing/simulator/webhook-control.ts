import type { EngineState } from './engine.js';
import { installEvent, uninstallEvent, type InstallTarget } from './webhook-events.js';
import { simulatorWebhookKeys } from './webhook-keys.js';
import type { GHLSimulatorWebhooks } from './webhook-sender.js';

export interface UninstallOptions {
  /** @default the simulator's `locationId` */
  locationId?: string | undefined;
  /** `'Company'` uninstalls from the agency (UNINSTALL names only `companyId`). @default 'Location' */
  userType?: 'Location' | 'Company' | undefined;
}

/** The webhook part of the simulator's control surface. */
export interface GHLSimulatorWebhookControl {
  /** Signs and delivers webhooks like GHL: subscribe a URL, deliver an event, inject faults. */
  readonly webhooks: GHLSimulatorWebhooks;
  /**
   * The public half of the simulator's own signing keys (Ed25519 as base64 SPKI, RSA as PEM): pass it
   * as `publicKeys` to `verifyWebhook` / `createWebhookHandler`. Generated on first read.
   */
  readonly webhookPublicKeys: { readonly ed25519: string; readonly rsa: string };
  /** The `appId` in INSTALL/UNINSTALL: the client id up to its first `-`, as GHL builds client ids. */
  readonly appId: string;
  /**
   * Uninstalls the app from a location (or agency): every token of that install stops working and
   * UNINSTALL goes to the subscribed webhook URLs.
   */
  uninstall(options?: UninstallOptions): void;
}

export function createWebhookControl(state: EngineState): GHLSimulatorWebhookControl {
  const { options, registry, webhooks } = state;
  // Getters on their own object: the control surface is spread into the simulator object, which
  // would otherwise run them (and generate the RSA key) for every simulator.
  const webhookPublicKeys = {
    get ed25519() {
      return simulatorWebhookKeys().publicKeys.ed25519;
    },
    get rsa() {
      return simulatorWebhookKeys().publicKeys.rsa;
    },
  };
  return {
    webhooks: webhooks.control(),
    webhookPublicKeys,
    appId: appIdOf(options.clientId),
    uninstall: ({ locationId = options.locationId, userType = 'Location' } = {}) => {
      const target = installTarget(state, userType, locationId);
      registry.revokeInstall(target.locationId ?? target.companyId);
      webhooks.emit(uninstallEvent(target));
    },
  };
}

/** Sends INSTALL to the subscribed webhook URLs: the app was just installed there. */
export function announceInstall(state: EngineState, userType: 'Location' | 'Company', locationId: string, userId?: string): void {
  state.webhooks.emit(installEvent({ ...installTarget(state, userType, locationId), userId }));
}

function installTarget(state: EngineState, userType: 'Location' | 'Company', locationId: string): InstallTarget {
  const { clientId, companyId } = state.options;
  return { appId: appIdOf(clientId), companyId, ...(userType === 'Location' ? { locationId } : {}) };
}

function appIdOf(clientId: string): string {
  return clientId.split('-')[0] || clientId;
}
