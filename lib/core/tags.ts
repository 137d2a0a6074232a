import { Aspects, IAspect } from 'cdktf';
import { IConstruct } from 'constructs';

/** A provider resource with a `tags` argument (generated classes expose the configured value as `tagsInput`). */
interface Taggable {
  tags: { [key: string]: string };
  readonly tagsInput?: { [key: string]: string };
}

function isTaggable(node: IConstruct): node is IConstruct & Taggable {
  return 'tagsInput' in node;
}

/**
 * Puts the given tags on every taggable resource under the construct it is applied to — tags a
 * resource sets itself win. The one place tags are applied, so no resource is left out.
 */
class TagsAspect implements IAspect {
  constructor(private readonly tags: { [key: string]: string }) {}

  public visit(node: IConstruct): void {
    if (isTaggable(node)) {
      node.tags = { ...this.tags, ...(node.tagsInput ?? {}) };
    }
  }
}

/** Tag every taggable resource under `scope` (nothing when `tags` is undefined or empty). */
export function applyTags(scope: IConstruct, tags: { [key: string]: string } | undefined): void {
  if (tags && Object.keys(tags).length > 0) {
    Aspects.of(scope).add(new TagsAspect({ ...tags }));
  }
}
