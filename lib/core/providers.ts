import { Aspects, IAspect, TerraformProvider, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';

/** Gives every resource under the construct it is applied to that provider, unless it names one. */
class ProviderAspect implements IAspect {
  constructor(private readonly provider: TerraformProvider) {}

  public visit(node: IConstruct): void {
    if (TerraformResource.isTerraformResource(node) && node.provider === undefined) {
      node.provider = this.provider;
    }
  }
}

/**
 * Create every resource under `scope` through `provider` (e.g. an aliased `AzurermProvider` of another
 * subscription); nothing when it is undefined.
 */
export function useProvider(scope: IConstruct, provider: TerraformProvider | undefined): void {
  if (provider) {
    Aspects.of(scope).add(new ProviderAspect(provider));
  }
}
