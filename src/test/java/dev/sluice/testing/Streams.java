package dev.sluice.testing;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Native stream API calls the tests share. */
public final class Streams {

    private Streams() {}

    /** Starts a stream and returns its id. */
    public static String start(URI base, String body) {
        return given().contentType("application/json").body(body).post(base.resolve("/v1/streams"))
                .then().statusCode(201).extract().path("id");
    }

    public static JsonPath status(URI base, String id) {
        return given().get(base.resolve("/v1/streams/" + id)).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the stream has ended and returns its status. */
    public static JsonPath awaitEnd(URI base, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !"running".equals(status(base, id).getString("status")));
        return status(base, id);
    }
}
