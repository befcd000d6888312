package io.flumelab.core.source.http;

import io.flumelab.core.spi.SourceCounter;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits between the HTTP decoder and the aggregator of one connection and decides, before a body is
 * read, whether it may be: a body longer than {@code maxRequestBytes} is answered 413, and one that
 * does not fit in what is left of the source's {@link RequestBodyBudget} is answered 503 with
 * {@code Retry-After}. A body that may be read holds its share of the budget until its events are
 * committed or refused: the aggregator and the request handler run inside this handler's
 * {@code fireChannelRead} of the last piece, so the share is given back when that call returns.
 *
 * <p>Why 503 and not back-pressure (stop reading until the budget frees up): a body is useless
 * until it is whole, so a request paused half-read keeps its bytes while it waits, and paused
 * requests can wait on each other forever once they hold the whole budget between them. A
 * request refused before its body is read holds nothing, keeps the bound strict, and costs the
 * client one retry; Flume's clients already treat 503 as "try again later" (a full channel).
 *
 * <p>Because this handler answers an {@code Expect: 100-continue} request that is too large before
 * the aggregator sees it, the client gets 413 (or 503) instead of "100 Continue".
 */
final class RequestBodyGate extends ChannelInboundHandlerAdapter {

  /** How long a client refused for lack of budget is asked to wait before retrying. */
  static final int RETRY_AFTER_SECONDS = 1;

  private final HttpSource source;
  private final SourceCounter counter;
  private final RequestBodyBudget budget;
  private final int maxRequestBytes;

  /** Budget bytes the current request holds. */
  private long reserved;
  /** Body bytes of the current request read so far. */
  private long received;
  /** The current request was answered already; its body is read and dropped. */
  private boolean discarding;
  /** Close the connection once the discarded body has ended (the client asked for close). */
  private boolean closeAfterDiscard;

  RequestBodyGate(HttpSource source, SourceCounter counter, RequestBodyBudget budget,
      int maxRequestBytes) {
    this.source = source;
    this.counter = counter;
    this.budget = budget;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      received = 0;
      if (request.decoderResult().isSuccess() && !admit(ctx, request)) {
        ReferenceCountUtil.release(msg);
        return;
      }
    } else if (msg instanceof HttpContent content) {
      if (discarding) {
        discard(ctx, content);
        return;
      }
      received += content.content().readableBytes();
      if (!admitMore(ctx)) {
        content.release();
        return;
      }
    }
    try {
      ctx.fireChannelRead(msg);
    } finally {
      if (msg instanceof LastHttpContent) {
        // the request has been answered (see the class comment): its body is gone
        giveBack();
        received = 0;
      }
    }
  }

  /** Whether the body the request declares may be read; if not, the request is answered. */
  private boolean admit(ChannelHandlerContext ctx, HttpRequest request) {
    long declared = HttpUtil.getContentLength(request, -1L);
    if (declared > maxRequestBytes) {
      counter.incrementEventReadFail();
      source.badRequestLog().warn("Http source {}: refused a request of {} body bytes from {}, "
          + "more than maxRequestBytes ({}); answered 413: {}", source.getName(), declared,
          ctx.channel().remoteAddress(), maxRequestBytes, HttpRequestHandler.describe(request));
      // the body may be huge: reading it only to drop it is not worth it, so close
      refuse(ctx, request, tooLarge(declared), true);
      return false;
    }
    if (declared > 0 && !budget.tryReserve(declared)) {
      unavailable(ctx, request, declared);
      return false;
    }
    reserved = Math.max(declared, 0);
    return true;
  }

  /** A body without a declared length (chunked) takes its share as it arrives. */
  private boolean admitMore(ChannelHandlerContext ctx) {
    if (received > maxRequestBytes) {
      counter.incrementEventReadFail();
      source.badRequestLog().warn("Http source {}: a chunked request from {} grew past "
          + "maxRequestBytes ({}); answered 413 and closed", source.getName(),
          ctx.channel().remoteAddress(), maxRequestBytes);
      answerMidBody(ctx, tooLarge(received));
      return false;
    }
    if (received > reserved) {
      if (!budget.tryReserve(received - reserved)) {
        source.unavailableLog().warn("Http source {}: {} request body bytes are being read, no "
            + "room for a chunked request from {} (maxReadBytes); answered 503",
            source.getName(), budget.limit(), ctx.channel().remoteAddress());
        answerMidBody(ctx, busy());
        return false;
      }
      reserved = received;
    }
    return true;
  }

  private void unavailable(ChannelHandlerContext ctx, HttpRequest request, long declared) {
    source.unavailableLog().warn("Http source {}: no room for a request body of {} bytes from {} "
        + "while others are being read (maxReadBytes is {}); answered 503 with "
        + "Retry-After", source.getName(), declared, ctx.channel().remoteAddress(),
        budget.limit());
    // the client will send the body unless it waits for "100 Continue": read it and drop it, so
    // it sees the answer instead of a reset connection; the body is at most maxRequestBytes
    refuse(ctx, request, busy(), HttpUtil.is100ContinueExpected(request));
  }

  private FullHttpResponse tooLarge(long bytes) {
    return HttpRequestHandler.response(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "The request body of " + bytes + " bytes is larger than this source accepts "
            + "(maxRequestBytes = " + maxRequestBytes + "). Send fewer events per request.");
  }

  private static FullHttpResponse busy() {
    FullHttpResponse response = HttpRequestHandler.response(HttpResponseStatus.SERVICE_UNAVAILABLE,
        "The source is reading as many request bodies as it may hold at once "
            + "(maxReadBytes). Retry after " + RETRY_AFTER_SECONDS + " s.");
    response.headers().setInt(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
    return response;
  }

  /** Answers a request whose body has not been read; drops the body or closes. */
  private void refuse(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response,
      boolean close) {
    boolean keepAlive = !close && HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(response, keepAlive);
    HttpUtil.setContentLength(response, response.content().readableBytes());
    var written = ctx.writeAndFlush(response);
    if (close) {
      written.addListener(ChannelFutureListener.CLOSE);
      discarding = true;
      closeAfterDiscard = false;
    } else {
      discarding = !(request instanceof LastHttpContent);
      closeAfterDiscard = !keepAlive;
      if (!discarding && !keepAlive) {
        written.addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  /** Part of the body is with the aggregator: answer and close, which drops that part. */
  private void answerMidBody(ChannelHandlerContext ctx, FullHttpResponse response) {
    giveBack();
    HttpUtil.setKeepAlive(response, false);
    HttpUtil.setContentLength(response, response.content().readableBytes());
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    discarding = true;
    closeAfterDiscard = false;
  }

  private void discard(ChannelHandlerContext ctx, HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    content.release();
    if (last) {
      discarding = false;
      if (closeAfterDiscard) {
        ctx.close();
      }
    }
  }

  private void giveBack() {
    if (reserved > 0) {
      budget.release(reserved);
      reserved = 0;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    giveBack();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    giveBack();
  }
}
