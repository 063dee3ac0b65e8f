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
 * {@code LiveUserReader}.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AwsEmulatorExtension.class)
public @interface IamkitEmulator {}
