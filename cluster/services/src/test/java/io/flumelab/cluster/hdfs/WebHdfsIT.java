package io.flumelab.cluster.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebHDFS, the REST interface the NameNode's web UI browses with, on the course's HDFS: what an
 * hdfs sink wrote is listed, described and read over HTTP, the way a browser reads it.
 */
@LabCluster(hdfs = true)
class WebHdfsIT {

  private static final String WEBHDFS = "http://hadoop102:9870/webhdfs/v1";
  private static final List<String> LINES = List.of("hello webhdfs", "second line");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One that does not follow redirects, so that each hop can be seen. */
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private static LocatedFileStatus written;

  @BeforeAll
  static void anHdfsSinkWrites(LabAgents agents, FileSystem hdfs, @TempDir Path dir)
      throws IOException {
    written = HdfsSinkAgent.write(agents, hdfs, dir, "/flume/webhdfs",
        Map.of("hdfs.fileType", "DataStream"), LINES).get(0);
  }

  @Test
  void liststatusListsTheSinksDirectoriesAndFiles() throws Exception {
    HttpResponse<String> flume = get(WEBHDFS + "/flume?op=LISTSTATUS");

    assertThat(flume.statusCode()).as(flume.body()).isEqualTo(200);
    assertThat(names(flume)).containsExactly("webhdfs");

    String directory = written.getPath().getParent().toUri().getPath();
    HttpResponse<String> hour = get(WEBHDFS + directory + "?op=LISTSTATUS");
    assertThat(hour.statusCode()).as(hour.body()).isEqualTo(200);
    assertThat(names(hour)).containsExactly(written.getPath().getName());
  }

  @Test
  void getfilestatusDescribesTheFile() throws Exception {
    HttpResponse<String> status = get(WEBHDFS + path() + "?op=GETFILESTATUS");

    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    JsonNode file = JSON.readTree(status.body()).path("FileStatus");
    assertThat(file.path("type").asText()).isEqualTo("FILE");
    assertThat(file.path("length").asLong()).isEqualTo(written.getLen())
        .isEqualTo(String.join("\n", LINES).length() + 1);
  }

  @Test
  void openRedirectsToTheDataNodeAtAnAddressThisMachineReaches() throws Exception {
    HttpResponse<String> open = get(WEBHDFS + path() + "?op=OPEN");

    assertThat(open.statusCode()).as(open.body()).isEqualTo(307);
    URI dataNode = URI.create(open.headers().firstValue("Location").orElseThrow());
    // an address, not a name: a browser that does not know hadoop102 reaches it too
    assertThat(dataNode.getHost()).isEqualTo("127.0.1.102");
    assertThat(dataNode.getPath()).isEqualTo("/webhdfs/v1" + path());

    HttpResponse<String> content = get(dataNode.toString());
    assertThat(content.statusCode()).as(content.body()).isEqualTo(200);
    assertThat(content.body()).isEqualTo("hello webhdfs\nsecond line\n");
  }

  @Test
  void openWithoutRedirectNamesTheDataNodeAsTheUiAsksForIt() throws Exception {
    HttpResponse<String> open = get(WEBHDFS + path() + "?op=OPEN&noredirect=true&length=5");

    assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
    String location = JSON.readTree(open.body()).path("Location").asText();
    HttpResponse<String> head = get(location);
    assertThat(head.statusCode()).as(head.body()).isEqualTo(200);
    assertThat(head.body()).isEqualTo("hello");
    // the UI reads it from the NameNode's page: the DataNode lets it
    assertThat(head.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
  }

  private static String path() {
    return written.getPath().toUri().getPath();
  }

  private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> names(HttpResponse<String> listing) throws IOException {
    JsonNode statuses = JSON.readTree(listing.body()).path("FileStatuses").path("FileStatus");
    return statuses.findValuesAsText("pathSuffix");
  }
}
