package io.flumelab.core.source.http;

import io.flumelab.api.Channel;
import io.flumelab.api.ChannelException;
import io.flumelab.api.ChannelFullException;
import io.flumelab.api.Event;
import io.flumelab.api.TransactionCapacitySupported;
import io.flumelab.core.spi.HttpBadRequestException;
import io.flumelab.core.spi.HttpSourceRequest;
import io.flumelab.core.spi.HttpUnsupportedMediaTypeException;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.spi.WireText;
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
import io.netty.handler.codec.http.HttpRequest;
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
 * Other methods get 405 (Flume answers TRACE and OPTIONS with 403). Not Flume's: 415 for a
 * content type the handler does not read, and 413 for more events than a channel takes in one
 * transaction, which Flume answers 503 although no retry can succeed.
 *
 * <p>Anything a client sent that reaches a log passes through {@link WireText#quote}, and the
 * warnings a client can cause at will are throttled ({@link HttpSource#badRequestLog()}).
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
      String reason = String.valueOf(request.decoderResult().cause());
      source.badRequestLog().warn("Http source {}: malformed HTTP from {}; answered 400: {}",
          source.getName(), ctx.channel().remoteAddress(), WireText.quote(reason));
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST,
          "Bad request from client. The HTTP request is malformed: " + WireText.quote(reason),
          false);
      return;
    }
    HttpMethod method = request.method();
    if (!method.equals(HttpMethod.POST) && !method.equals(HttpMethod.GET)) {
      counter.incrementEventReadFail();
      source.badRequestLog().warn("Http source {}: method not allowed from {}; answered 405: {}",
          source.getName(), ctx.channel().remoteAddress(), describe(request));
      FullHttpResponse response = response(HttpResponseStatus.METHOD_NOT_ALLOWED,
          "Method " + WireText.quote(method.name()) + " is not allowed; POST the events");
      response.headers().set(HttpHeaderNames.ALLOW, "POST, GET");
      send(ctx, request, response, true);
      return;
    }
    List<Event> events;
    try {
      events = source.handler().getEvents(toSourceRequest(request));
    } catch (HttpBadRequestException e) {
      counter.incrementEventReadFail();
      HttpResponseStatus status = e instanceof HttpUnsupportedMediaTypeException
          ? HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE : HttpResponseStatus.BAD_REQUEST;
      // the reason may quote the body, so it is quoted as a whole
      source.badRequestLog().warn("Http source {}: bad request from {}; answered {}: {}: {}",
          source.getName(), ctx.channel().remoteAddress(), status.code(), describe(request),
          WireText.quote(e.getMessage()));
      respond(ctx, request, status, "Bad request from client. " + e.getMessage(), true);
      return;
    } catch (RuntimeException e) {
      counter.incrementGenericProcessingFail();
      // a handler's exception may quote the request: the trace only at DEBUG
      source.badRequestLog().warn("Http source {}: the handler failed on {}; answered 500: {}",
          source.getName(), describe(request), WireText.quote(e.toString()));
      LOG.debug("Http source {}: the handler's failure", source.getName(), e);
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
      Channel tooSmall = e instanceof ChannelFullException ? null : tooSmallFor(events.size());
      if (tooSmall != null) {
        long capacity = ((TransactionCapacitySupported) tooSmall).getTransactionCapacity();
        source.badRequestLog().warn("Http source {}: a request from {} carried {} events, more "
            + "than channel {} takes in one transaction ({}); answered 413", source.getName(),
            ctx.channel().remoteAddress(), events.size(), tooSmall.getName(), capacity);
        respond(ctx, request, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "The request carries "
            + events.size() + " events, more than channel " + tooSmall.getName() + " takes in "
            + "one transaction (transactionCapacity = " + capacity + "), so it can never be "
            + "accepted. Send at most " + capacity + " events per request, or raise the "
            + "transactionCapacity of channel " + tooSmall.getName() + ".", true);
        return;
      }
      source.unavailableLog().warn("Http source {}: the channels refused {} events: {}",
          source.getName(), events.size(), e.getMessage());
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

  /**
   * The channel, if any, whose transactionCapacity is below {@code events}: a refused batch that
   * large can never be taken, where one refused for a full channel can be retried. A channel
   * refuses an oversized transaction with a plain ChannelException, never a ChannelFullException.
   * The check runs only after a refusal, because a multiplexing selector may send the batch to
   * channels other than the small one; after a refusal it is the likely cause.
   */
  private Channel tooSmallFor(int events) {
    Channel smallest = null;
    for (Channel channel : source.getChannelProcessor().getAllChannels()) {
      if (channel instanceof TransactionCapacitySupported limited
          && limited.getTransactionCapacity() < events
          && (smallest == null || limited.getTransactionCapacity()
              < ((TransactionCapacitySupported) smallest).getTransactionCapacity())) {
        smallest = channel;
      }
    }
    return smallest;
  }

  /** The request line and content type as a log shows them: quoted, since a client wrote them. */
  static String describe(HttpRequest request) {
    String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    return WireText.quote(request.method().name()) + " " + WireText.quote(request.uri())
        + (contentType == null ? "" : " Content-Type " + WireText.quote(contentType));
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

  static FullHttpResponse response(HttpResponseStatus status, String message) {
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
        ctx.channel().remoteAddress(), WireText.quote(cause.toString()));
    ctx.close();
  }
}
