package io.iamkit.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the JVM's shared AWS emulator ({@link AwsEmulators#shared()}).
 * Parameters of test, lifecycle and constructor methods and fields marked {@link FromEmulator}
 * receive, by type: {@link AwsEmulator}, {@code IamClient}, {@code StsClient},
 * {@code SecretsManagerClient}, {@code CloudFormationClient}, {@code AwsClientFactory} and
 * {@code LiveUserReader}, and {@code Deployer} bound to the emulator: backend {@link #backend()},
 * else the system property {@value AwsEmulatorExtension#BACKEND_PROPERTY}, else
 * {@value AwsEmulatorExtension#DEFAULT_BACKEND}.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AwsEmulatorExtension.class)
public @interface IamkitEmulator {

  /** The backend of injected {@code Deployer}s; empty: {@code iamkit.backend}, else {@code direct}. */
  String backend() default "";
}
