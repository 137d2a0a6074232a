// The rule collection group resource of one cluster's rules.
import { Lazy, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { azurerm, type FirewallPolicyRuleCollectionGroup } from '../../../core/azurerm';
import { RuleCollectionGroupInput } from './rules';

/**
 * The `azurerm_firewall_policy_rule_collection_group` of one set of rules — its collections render
 * when the stack is synthesized, so rules added later (node pools' features) still count.
 */
export function createRuleGroup(
  scope: Construct,
  id: string,
  props: {
    readonly name: string;
    readonly firewallPolicyId: string;
    readonly priority: number;
    readonly render: () => RuleCollectionGroupInput;
    readonly provider?: TerraformProvider;
  },
): FirewallPolicyRuleCollectionGroup {
  const module = azurerm.ruleCollectionGroup;
  return new module.FirewallPolicyRuleCollectionGroup(scope, id, {
    name: props.name,
    firewallPolicyId: props.firewallPolicyId,
    priority: props.priority,
    provider: props.provider,
    networkRuleCollection: Lazy.anyValue({
      produce: () =>
        props
          .render()
          .networkRuleCollection?.map(
            module.firewallPolicyRuleCollectionGroupNetworkRuleCollectionToTerraform,
          ),
    }),
    applicationRuleCollection: Lazy.anyValue({
      produce: () =>
        props
          .render()
          .applicationRuleCollection?.map(
            module.firewallPolicyRuleCollectionGroupApplicationRuleCollectionToTerraform,
          ),
    }),
    natRuleCollection: Lazy.anyValue({
      produce: () =>
        props
          .render()
          .natRuleCollection?.map(module.firewallPolicyRuleCollectionGroupNatRuleCollectionToTerraform),
    }),
  });
}

/** The size of a rendered group as Azure counts it, roughly: the JSON of its rules. */
export function renderedGroupBytes(group: RuleCollectionGroupInput): number {
  return Buffer.byteLength(JSON.stringify(group), 'utf8');
}
