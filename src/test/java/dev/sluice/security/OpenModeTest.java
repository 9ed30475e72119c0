package dev.sluice.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The default test profile configures no key: Sluice runs open, and says so. */
@QuarkusTest
class OpenModeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void readinessSaysAuthIsOpen() {
        given().get(base.resolve("/q/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'sluice-auth' }.data.auth", equalTo("open"))
                .body("checks.find { it.name == 'sluice-auth' }.data.keys", equalTo(0));
    }

    @Test
    void requestsWithoutAKeyAndWithAnyKeyAreServed() {
        given().get(base.resolve("/v1/models")).then().statusCode(200).header("WWW-Authenticate", nullValue());
        given().header("Authorization", "Bearer whatever").get(base.resolve("/v1/models")).then().statusCode(200);
        given().contentType("application/json").body("{\"model\":\"sluice-echo\",\"prompt\":\"hi\"}")
                .post(base.resolve("/v1/streams")).then().statusCode(201)
                .header("x-ratelimit-limit-requests", nullValue());
    }
}
