package io.flumelab.core.source.http;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;
import io.flumelab.core.spi.SourceCounter;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one connection's requests the way Flume's http source does: POST (and GET, "for
 * experimentation") go through the handler to the channels in one transaction; 200 once committed,
 * 400 with the handler's message for a malformed request, 503 when the channels refuse (full),
 * 500 when the handler or a channel fails otherwise. Nothing is committed unless 200 is sent.
 * Other methods get 405 (Flume answers TRACE and OPTIONS with 403).
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);

  private final HttpSource source;
  private final SourceCounter counter;

  HttpRequestHandler(HttpSource source, SourceCounter counter) {
    this.source = source;
    this.counter = counter;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    counter.incrementOpenConnectionCount();
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    counter.decrementOpenConnectionCount();
    super.channelInactive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      counter.incrementEventReadFail();
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST,
          "Bad request from client. The HTTP request is malformed: "
              + request.decoderResult().cause(), false);
      return;
    }
    HttpMethod method = request.method();
    if (!method.equals(HttpMethod.POST) && !method.equals(HttpMethod.GET)) {
      FullHttpResponse response = response(HttpResponseStatus.METHOD_NOT_ALLOWED,
          "Method " + method + " is not allowed; POST the events");
      response.headers().set(HttpHeaderNames.ALLOW, "POST, GET");
      send(ctx, request, response, true);
      return;
    }
    List<Event> events;
    try {
      events = source.handler().getEvents(toSourceRequest(request));
    } catch (HttpBadRequestException e) {
      counter.incrementEventReadFail();
      LOG.warn("Http source {}: bad request from {}: {}", source.getName(),
          ctx.channel().remoteAddress(), e.getMessage());
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST,
          "Bad request from client. " + e.getMessage(), true);
      return;
    } catch (RuntimeException e) {
      counter.incrementGenericProcessingFail();
      LOG.warn("Http source {}: the handler failed", source.getName(), e);
      respond(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR,
          "Handler threw unexpected exception. " + e, true);
      return;
    }
    counter.incrementAppendBatchReceivedCount();
    counter.addToEventReceivedCount(events.size());
    try {
      source.getChannelProcessor().processEventBatch(events);
    } catch (ChannelException e) {
      counter.incrementChannelWriteFail();
      LOG.warn("Http source {}: the channels refused {} events: {}", source.getName(),
          events.size(), e.getMessage());
      respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE,
          "Error appending event to channel. Channel might be full. " + e.getMessage(), true);
      return;
    } catch (RuntimeException e) {
      counter.incrementChannelWriteFail();
      LOG.warn("Http source {}: delivering {} events failed", source.getName(), events.size(), e);
      respond(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR,
          "Unexpected error while appending event to channel. " + e, true);
      return;
    }
    counter.incrementAppendBatchAcceptedCount();
    counter.addToEventAcceptedCount(events.size());
    send(ctx, request, new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.EMPTY_BUFFER), true);
  }

  private static HttpSourceRequest toSourceRequest(FullHttpRequest request) {
    Map<String, String> headers = new HashMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
    }
    CharSequence charset = HttpUtil.getCharsetAsSequence(request);
    return new HttpSourceRequest(request.method().name(), request.uri(), headers,
        charset == null ? null : charset.toString(), ByteBufUtil.getBytes(request.content()));
  }

  private static FullHttpResponse response(HttpResponseStatus status, String message) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
    return response;
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest request,
      HttpResponseStatus status, String message, boolean keepAlive) {
    send(ctx, request, response(status, message), keepAlive);
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest request,
      FullHttpResponse response, boolean mayKeepAlive) {
    boolean keepAlive = mayKeepAlive && HttpUtil.isKeepAlive(request);
    HttpUtil.setContentLength(response, response.content().readableBytes());
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("Http source {}: connection from {} failed: {}", source.getName(),
        ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
