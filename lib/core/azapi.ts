// The AzAPI layer: what azurerm 4.55 cannot express, as `azapi_update_resource` patches of existing
// resources. The only place that knows the AzAPI provider (as lib/core/azurerm.ts knows azurerm).
//
// An `azapi_update_resource` reads the resource, deep-merges its body and PUTs the whole resource
// back (not an ARM PATCH); destroying it changes nothing on the resource. So each cluster gets ONE
// patch (several would each PUT the cluster, in parallel), ordered after the azurerm resources it
// patches and everything else that updates them (AzAPI's locks do not cover azurerm operations).
// Source: Azure/terraform-provider-azapi v2.12.0 docs/resources/update_resource.md and its
// implementation (facts: ../shared/spec/arm-managed-clusters.md §9).
import {
  dependable,
  ITerraformDependable,
  Lazy,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
} from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AksNetworkError } from './errors';

/** Registry address of the AzAPI provider. */
export const AZAPI_PROVIDER_SOURCE = 'Azure/azapi';
/**
 * Version constraint of the AzAPI provider: 2.11 is the first to embed the 2026-03-01
 * managedClusters types (needed to strip read-only fields from the PUT) — a constraint, not a pin,
 * so users take its fixes. cdktf writes it as `required_providers.azapi.version`.
 */
export const AZAPI_VERSION_CONSTRAINT = '~> 2.12';
/** The pinned API version every managed-cluster patch uses. */
export const MANAGED_CLUSTERS_API_VERSION = '2026-03-01';
/** The resource type of a managed-cluster patch. */
export const MANAGED_CLUSTERS_TYPE = `Microsoft.ContainerService/managedClusters@${MANAGED_CLUSTERS_API_VERSION}`;

/** The AzAPI provider's `environment` for each Azure cloud. */
export type AzapiEnvironment = 'public' | 'china' | 'usgovernment';

/** A JSON object of an ARM request body. */
export type ArmBody = { [key: string]: unknown };

class AzapiProvider extends TerraformProvider {
  public static readonly ID = 'AzapiProvider';

  constructor(
    scope: Construct,
    private readonly environment: AzapiEnvironment,
  ) {
    super(scope, AzapiProvider.ID, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: {
        providerName: 'azapi',
        providerVersionConstraint: AZAPI_VERSION_CONSTRAINT,
      },
      terraformProviderSource: AZAPI_PROVIDER_SOURCE,
    });
  }

  public get cloudEnvironment(): AzapiEnvironment {
    return this.environment;
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { environment: this.environment };
  }
}

/** The stack's AzAPI provider (declared once per stack, on first use), for that cloud. */
function providerIn(scope: IConstruct, environment: AzapiEnvironment): AzapiProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(AzapiProvider.ID);
  if (existing instanceof AzapiProvider) {
    if (existing.cloudEnvironment !== environment) {
      throw new AksNetworkError(
        `this stack's AzAPI provider targets the ${existing.cloudEnvironment} cloud, but this patch targets ${environment}`,
        'keep the clusters of one Azure cloud in one stack',
        scope,
      );
    }
    return existing;
  }
  return new AzapiProvider(stack, environment);
}

/** Props of an `AzapiUpdate`. */
export interface AzapiUpdateProps {
  /** `<resource type>@<api version>`. */
  readonly type: string;
  /** The resource id (a reference to the azurerm resource, so Terraform orders the patch after it). */
  readonly resourceId: string;
  /** The body, rendered when the stack synthesizes (features may still contribute until then). */
  readonly body: () => ArmBody;
  /** What the patch must run after, besides the resource itself (e.g. node pools). */
  readonly dependsOn: ITerraformDependable[];
  /** The AzAPI provider's cloud. */
  readonly environment: AzapiEnvironment;
}

/**
 * One `azapi_update_resource`: the body is an HCL object (AzAPI v2 rejects a string), keys exactly
 * as ARM spells them — `locks` on the resource id so that AzAPI never runs two operations on it at once.
 */
export class AzapiUpdate extends TerraformResource {
  private readonly props: AzapiUpdateProps;

  constructor(scope: Construct, id: string, props: AzapiUpdateProps) {
    super(scope, id, {
      terraformResourceType: 'azapi_update_resource',
      terraformGeneratorMetadata: {
        providerName: 'azapi',
        providerVersionConstraint: AZAPI_VERSION_CONSTRAINT,
      },
      provider: providerIn(scope, props.environment),
      dependsOn: props.dependsOn,
    });
    this.props = props;
  }

  /** Run the patch after this too (e.g. a node pool added later). */
  public addDependency(resource: ITerraformDependable): void {
    this.dependsOn = [...(this.dependsOn ?? []), dependable(resource)];
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {
      type: this.props.type,
      resource_id: this.props.resourceId,
      body: Lazy.anyValue({ produce: () => this.props.body() }),
      locks: [this.props.resourceId],
    };
  }
}

/**
 * Deep-merge body fragments contributed by separate features into one body. Two features setting
 * the same leaf to different values is a programming error of the library, not a user input.
 */
export function mergeBodies(fragments: ReadonlyArray<{ feature: string; body: ArmBody }>): ArmBody {
  const out: ArmBody = {};
  const owner = new Map<string, string>();
  const merge = (target: ArmBody, source: ArmBody, feature: string, at: string): void => {
    for (const [key, value] of Object.entries(source)) {
      const path = at ? `${at}.${key}` : key;
      const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
      if (isObject) {
        const child = target[key];
        target[key] = typeof child === 'object' && child !== null && !Array.isArray(child) ? child : {};
        merge(target[key] as ArmBody, value as ArmBody, feature, path);
      } else if (key in target && JSON.stringify(target[key]) !== JSON.stringify(value)) {
        throw new AksNetworkError(
          `${feature} sets ${path} to ${JSON.stringify(value)}, which ${owner.get(path)} sets to ${JSON.stringify(target[key])}`,
          'the two features cannot be combined on one cluster',
        );
      } else {
        target[key] = value;
        owner.set(path, feature);
      }
    }
  };
  fragments.forEach((f) => merge(out, f.body, f.feature, ''));
  return out;
}
