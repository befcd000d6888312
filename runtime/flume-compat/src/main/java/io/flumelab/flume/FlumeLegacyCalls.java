package io.flumelab.flume;

import java.nio.charset.StandardCharsets;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites a plugin class compiled against Apache Flume 1.9 or older so it links with Flume 1.11:
 * each {@code invokevirtual org/apache/flume/Context.getSubProperties} or {@code .getParameters}
 * with the old {@code ImmutableMap} descriptor becomes an {@code invokestatic} of the same-named
 * method of {@link FlumeLegacy}, which takes the context as its first argument. The two
 * instructions have the same length and the same effect on the stack, so nothing else in the
 * class (offsets, stack map frames) changes. Without this, such a call throws
 * {@code NoSuchMethodError} on Flume 1.10 and later.
 *
 * <p>Only classes whose constant pool names both {@code org/apache/flume/Context} and
 * {@code ImmutableMap} are parsed at all; every other class is defined as it is.
 */
final class FlumeLegacyCalls {

  static final String CONTEXT = "org/apache/flume/Context";
  static final String IMMUTABLE_MAP = "Lcom/google/common/collect/ImmutableMap;";
  private static final String LEGACY = "io/flumelab/flume/FlumeLegacy";
  private static final String GET_PARAMETERS = "()" + IMMUTABLE_MAP;
  private static final String GET_SUB_PROPERTIES = "(Ljava/lang/String;)" + IMMUTABLE_MAP;

  private static final byte[] CONTEXT_BYTES = CONTEXT.getBytes(StandardCharsets.UTF_8);
  private static final byte[] IMMUTABLE_MAP_BYTES = IMMUTABLE_MAP.getBytes(StandardCharsets.UTF_8);

  private FlumeLegacyCalls() {}

  /**
   * The class rewritten, or null when it calls neither method the old way, or is a class file this
   * asm cannot read (newer than it knows): defined as it is, the JVM then says what is wrong.
   */
  static byte[] rewrite(byte[] classFile) {
    if (!mayCallLegacy(classFile)) {
      return null;
    }
    ClassReader reader;
    try {
      reader = new ClassReader(classFile);
    } catch (IllegalArgumentException unreadable) {
      return null;
    }
    ClassWriter writer = new ClassWriter(reader, 0);
    Redirect redirect = new Redirect(writer);
    reader.accept(redirect, 0);
    return redirect.changed ? writer.toByteArray() : null;
  }

  /** Whether the class file names both Flume's Context and Guava's ImmutableMap. */
  static boolean mayCallLegacy(byte[] classFile) {
    return Bytes.contains(classFile, CONTEXT_BYTES) && Bytes.contains(classFile, IMMUTABLE_MAP_BYTES);
  }

  private static boolean isLegacy(int opcode, String owner, String name, String descriptor) {
    return opcode == Opcodes.INVOKEVIRTUAL && CONTEXT.equals(owner)
        && ("getSubProperties".equals(name) && GET_SUB_PROPERTIES.equals(descriptor)
            || "getParameters".equals(name) && GET_PARAMETERS.equals(descriptor));
  }

  private static final class Redirect extends ClassVisitor {

    boolean changed;

    Redirect(ClassVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
        String[] exceptions) {
      return new MethodVisitor(Opcodes.ASM9,
          super.visitMethod(access, name, descriptor, signature, exceptions)) {
        @Override
        public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
            boolean isInterface) {
          if (isLegacy(opcode, owner, method, methodDescriptor)) {
            changed = true;
            super.visitMethodInsn(Opcodes.INVOKESTATIC, LEGACY, method,
                "(L" + CONTEXT + ";" + methodDescriptor.substring(1), false);
          } else {
            super.visitMethodInsn(opcode, owner, method, methodDescriptor, isInterface);
          }
        }
      };
    }
  }
}
