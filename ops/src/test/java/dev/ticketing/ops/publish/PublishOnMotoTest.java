package dev.ticketing.ops.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.MotoEngine;
import dev.ticketing.engine.ProjectFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import software.amazon.awssdk.services.cloudfront.model.ListInvalidationsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * publish against moto's CloudFormation, S3, CloudFront and Cognito: a stack with the outputs
 * template.yaml gives when HostWebApp=true, and the bucket, distribution and client they name.
 * Skipped by name where {@code moto_server} is not installed.
 */
@EnabledIf(value = "motoInstalled", disabledReason = "moto_server is not installed (set MOTO_SERVER or put it on the PATH)")
class PublishOnMotoTest {
  private static final Path WEBAPP = ProjectFiles.findUpwards(Path.of("webapp")).orElseThrow();
  private static MotoEngine moto;
  private static Map<String, String> env;
  private static AwsClients aws;

  static boolean motoInstalled() {
    return MotoEngine.installed().isPresent();
  }

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoEngine.start(MotoEngine.installed().orElseThrow());
    env = Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
        "AWS_ENDPOINT_URL", moto.endpoint().toString());
    aws = AwsClients.create(Optional.of("ap-northeast-2"), env);
  }

  @AfterAll
  static void stopMoto() {
    if (aws != null) {
      aws.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void the_app_its_config_and_its_sign_in_pages_are_published_and_the_cache_invalidated() {
    Deployed stack = deploy("shop-" + UUID.randomUUID().toString().substring(0, 8), true);

    Result first = publish("--stack", stack.name, "--region", "ap-northeast-2", "--dir", WEBAPP.toString());
    assertThat(first.status).as(first.err).isZero();
    assertThat(first.out).contains("open " + stack.appUrl);

    HeadObjectResponse index = aws.s3().headObject(r -> r.bucket(stack.bucket).key("index.html"));
    assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(index.cacheControl()).isEqualTo("public, max-age=60");
    assertThat(aws.s3().headObject(r -> r.bucket(stack.bucket).key("app.js")).contentType())
        .isEqualTo("text/javascript; charset=utf-8");
    HeadObjectResponse config = aws.s3().headObject(r -> r.bucket(stack.bucket).key("config.js"));
    assertThat(config.cacheControl()).isEqualTo("no-cache");
    String configJs = aws.s3().getObjectAsBytes(r -> r.bucket(stack.bucket).key("config.js")).asUtf8String();
    assertThat(configJs).contains("\"apiBaseUrl\" : \"\"").contains("\"clientId\" : \"" + stack.clientId + "\"")
        .contains("\"scope\" : \"openid profile email\"").contains("\"logoutUrl\" : \"" + stack.signOutUrl + "\"");

    UserPoolClientType client = client(stack);
    List<String> pages = List.of(stack.appUrl + "/", stack.appUrl + "/index.html");
    assertThat(client.callbackURLs()).as("the developer's page stays").containsExactlyInAnyOrder(
        "http://localhost:3000/", pages.get(0), pages.get(1));
    assertThat(client.logoutURLs()).containsExactlyInAnyOrder("http://localhost:3000/", pages.get(0), pages.get(1));
    assertThat(client.allowedOAuthFlows()).as("the rest of the client is kept").containsExactly(OAuthFlowType.CODE);
    assertThat(client.allowedOAuthScopes()).containsExactlyInAnyOrder("openid", "profile", "email");
    assertThat(client.enableTokenRevocation()).isTrue();

    ListInvalidationsResponse invalidations = aws.cloudFront().listInvalidations(r -> r.distributionId(stack.distributionId));
    assertThat(invalidations.invalidationList().quantity()).isEqualTo(1);

    Result again = publish("--stack", stack.name, "--region", "ap-northeast-2", "--dir", WEBAPP.toString());
    assertThat(again.status).as(again.err).isZero();
    assertThat(again.out).contains("sign-in already returns to " + stack.appUrl);
    assertThat(client(stack).callbackURLs()).as("nothing added twice").hasSize(3);
  }

  @Test
  void a_stack_deployed_without_host_web_app_is_refused_before_anything_is_written() {
    Deployed stack = deploy("api-only-" + UUID.randomUUID().toString().substring(0, 8), false);
    Result result = publish("--stack", stack.name, "--region", "ap-northeast-2", "--dir", WEBAPP.toString());
    assertThat(result.status).isEqualTo(2);
    assertThat(result.err).contains("has no output AppUrl").contains("HostWebApp=true");
  }

  @Test
  void an_unknown_stack_is_a_failure_that_says_which() {
    Result result = publish("--stack", "no-such-stack", "--region", "ap-northeast-2", "--dir", WEBAPP.toString());
    assertThat(result.status).isEqualTo(1);
    assertThat(result.err).contains("could not read stack no-such-stack");
  }

  @Test
  void bad_arguments_are_refused_with_the_usage() {
    Result missingStack = publish("--region", "ap-northeast-2");
    assertThat(missingStack.status).isEqualTo(2);
    assertThat(missingStack.err).contains("--stack NAME is required").contains("usage:");
    Result noDir = publish("--stack", "s", "--dir", WEBAPP.resolve("no-such-dir").toString());
    assertThat(noDir.status).isEqualTo(2);
    assertThat(noDir.err).contains("no index.html");
  }

  /** What sam deploy leaves behind, on moto: the resources, and a stack whose outputs name them. */
  private Deployed deploy(String name, boolean hosted) {
    String bucket = name + "-webapp";
    aws.s3().createBucket(r -> r.bucket(bucket)
        .createBucketConfiguration(c -> c.locationConstraint("ap-northeast-2")));
    String poolId = aws.cognito().createUserPool(r -> r.poolName(name + "-users")).userPool().id();
    String clientId = aws.cognito().createUserPoolClient(r -> r.userPoolId(poolId).clientName(name + "-webapp")
        .generateSecret(false).allowedOAuthFlowsUserPoolClient(true).allowedOAuthFlows(OAuthFlowType.CODE)
        .allowedOAuthScopes("openid", "profile", "email").supportedIdentityProviders("COGNITO")
        .callbackURLs("http://localhost:3000/").logoutURLs("http://localhost:3000/")
        .enableTokenRevocation(true)).userPoolClient().clientId();
    var distribution = aws.cloudFront().createDistribution(r -> r.distributionConfig(c -> c
        .callerReference(name).comment(name).enabled(true).defaultRootObject("index.html")
        .origins(o -> o.quantity(1).items(origin -> origin.id("webapp").domainName(bucket + ".s3.amazonaws.com")
            .s3OriginConfig(s -> s.originAccessIdentity(""))))
        .defaultCacheBehavior(b -> b.targetOriginId("webapp").viewerProtocolPolicy("redirect-to-https")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")))).distribution();
    String appUrl = "https://" + distribution.domainName();
    String issuer = "https://cognito-idp.ap-northeast-2.amazonaws.com/" + poolId;
    String signOutUrl = "https://" + name + ".auth.ap-northeast-2.amazoncognito.com/logout";
    StringBuilder outputs = new StringBuilder();
    output(outputs, "JwtIssuerUrl", issuer);
    output(outputs, "WebAppClientId", clientId);
    output(outputs, "UserPoolId", poolId);
    output(outputs, "SignOutUrl", signOutUrl);
    if (hosted) {
      output(outputs, "AppUrl", appUrl);
      output(outputs, "WebAppBucketName", bucket);
      output(outputs, "WebDistributionId", distribution.id());
    }
    String template = "Resources:\n  Placeholder:\n    Type: AWS::CloudFormation::WaitConditionHandle\n"
        + "Outputs:\n" + outputs;
    aws.cloudFormation().createStack(r -> r.stackName(name).templateBody(template));
    return new Deployed(name, bucket, clientId, poolId, distribution.id(), appUrl, signOutUrl);
  }

  private static void output(StringBuilder outputs, String key, String value) {
    outputs.append("  ").append(key).append(":\n    Value: '").append(value).append("'\n");
  }

  private UserPoolClientType client(Deployed stack) {
    return aws.cognito().describeUserPoolClient(r -> r.userPoolId(stack.poolId).clientId(stack.clientId)).userPoolClient();
  }

  private static Result publish(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = PublishCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Deployed(String name, String bucket, String clientId, String poolId, String distributionId,
      String appUrl, String signOutUrl) {}

  private record Result(int status, String out, String err) {}
}
