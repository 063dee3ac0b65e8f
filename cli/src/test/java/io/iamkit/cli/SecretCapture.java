package io.iamkit.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;

/**
 * Test-only global AWS SDK interceptor (registered in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}): remembers the secret of
 * every access key IAM creates in this JVM, so leak tests know what to look for without the CLI
 * printing it. Never prints or logs it.
 */
public final class SecretCapture implements ExecutionInterceptor {
  private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

  /** Every secret access key created so far in this JVM. */
  static List<String> secrets() {
    return List.copyOf(SECRETS);
  }

  @Override
  public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
    if (context.response() instanceof CreateAccessKeyResponse r && r.accessKey() != null) {
      SECRETS.add(r.accessKey().secretAccessKey());
    }
  }
}
