package io.iamkit.backend.cloudformation;

import io.iamkit.api.ResourceKind;
import io.iamkit.backend.cloudformation.internal.TemplateSynthesizer;
import io.vavr.control.Option;

/**
 * Turns a resource of the stack (logical id, type, physical id) into what iamkit's events and
 * plans call it: a {@link ResourceKind} and a name a person recognises (the user name, the inline
 * policy name, the access key id, the secret name). Names come from the templates of the
 * operation: the one being deployed, else the deployed one.
 */
final class Naming {
  private final Option<Declared> next;
  private final Option<Declared> previous;

  Naming(Option<Declared> next, Option<Declared> previous) {
    this.next = next;
    this.previous = previous;
  }

  static ResourceKind kind(String logicalId, String type) {
    if (TemplateSynthesizer.USER.equals(logicalId) || "AWS::IAM::User".equals(type)) {
      return ResourceKind.USER;
    }
    if (TemplateSynthesizer.ACCESS_KEY.equals(logicalId) || "AWS::IAM::AccessKey".equals(type)) {
      return ResourceKind.ACCESS_KEY;
    }
    if (TemplateSynthesizer.SECRET.equals(logicalId) || "AWS::SecretsManager::Secret".equals(type)) {
      return ResourceKind.SECRET;
    }
    if ("AWS::IAM::Policy".equals(type) || logicalId.startsWith("InlinePolicy")) {
      return ResourceKind.INLINE_POLICY;
    }
    return ResourceKind.OTHER;
  }

  /** The resource's name in iamkit's terms; the logical id when nothing better is known. */
  String name(String logicalId, String type, String physicalId) {
    return switch (kind(logicalId, type)) {
      case USER -> next.orElse(previous).map(Declared::userName).getOrElse(logicalId);
      case INLINE_POLICY -> next.flatMap(d -> Option.of(d.inlinePolicyNames().get(logicalId)))
          .orElse(() -> previous.flatMap(d -> Option.of(d.inlinePolicyNames().get(logicalId))))
          .getOrElse(logicalId);
      case ACCESS_KEY -> physicalId == null || physicalId.isEmpty() ? "(access key)" : physicalId;
      case SECRET -> next.flatMap(Declared::secretName).orElse(() -> previous.flatMap(Declared::secretName))
          .getOrElse(logicalId);
      default -> logicalId;
    };
  }
}
