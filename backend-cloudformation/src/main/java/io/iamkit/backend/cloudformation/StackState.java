package io.iamkit.backend.cloudformation;

import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** What a stack's status means for the next operation on it. */
enum StackState {
  /** No stack of that name (or only deleted ones). */
  ABSENT,
  /** Deployed and at rest: an UPDATE change set applies. */
  DEPLOYED,
  /**
   * Holds nothing worth keeping and cannot be updated: {@code REVIEW_IN_PROGRESS} (left by a
   * change set that was never executed) or a create that failed ({@code ROLLBACK_COMPLETE},
   * {@code ROLLBACK_FAILED}, {@code CREATE_FAILED}). Apply deletes it, then creates it again.
   */
  REPLACEABLE,
  /** An operation is running on it. */
  BUSY,
  /** Stuck: needs a person or another destroy ({@code DELETE_FAILED}, {@code UPDATE_ROLLBACK_FAILED}, ...). */
  STUCK;

  static StackState of(Stack stack) {
    if (stack == null) {
      return ABSENT;
    }
    StackStatus status = stack.stackStatus();
    if (status == null) {
      return status(stack.stackStatusAsString());
    }
    return switch (status) {
      case DELETE_COMPLETE -> ABSENT;
      case CREATE_COMPLETE, UPDATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE, IMPORT_COMPLETE,
          IMPORT_ROLLBACK_COMPLETE -> DEPLOYED;
      case REVIEW_IN_PROGRESS, ROLLBACK_COMPLETE, ROLLBACK_FAILED, CREATE_FAILED -> REPLACEABLE;
      case DELETE_FAILED, UPDATE_ROLLBACK_FAILED, UPDATE_FAILED, IMPORT_ROLLBACK_FAILED -> STUCK;
      default -> status(stack.stackStatusAsString());
    };
  }

  private static StackState status(String text) {
    return text != null && text.endsWith("_IN_PROGRESS") ? BUSY : STUCK;
  }
}
