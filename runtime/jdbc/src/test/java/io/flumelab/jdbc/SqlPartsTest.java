package io.flumelab.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Names, custom queries, CSV lines and URLs: the parts a jdbc source builds its work from. */
class SqlPartsTest {

  @Test
  void namesAreIdentifiersAndNothingElse() {
    assertThat(Identifiers.isName("student")).isTrue();
    assertThat(Identifiers.isName("mysqlsource.student")).isTrue();
    assertThat(Identifiers.isName("学生")).isTrue();
    assertThat(Identifiers.isName("`my table`")).isTrue();
    assertThat(Identifiers.isName("t; DROP TABLE x")).isFalse();
    assertThat(Identifiers.isName("t WHERE 1=1")).isFalse();
    assertThat(Identifiers.isName("t--")).isFalse();
    assertThat(Identifiers.isName("`a` `b`")).isFalse();
    assertThat(Identifiers.isName("1t")).isFalse();
  }

  @Test
  void columnListsAreNamesOrStars() {
    assertThat(Identifiers.isColumnList("*")).isTrue();
    assertThat(Identifiers.isColumnList("id, name,note")).isTrue();
    assertThat(Identifiers.isColumnList("s.*, `x y`")).isTrue();
    assertThat(Identifiers.isColumnList("id, (SELECT password FROM users)")).isFalse();
    assertThat(Identifiers.isColumnList("id,")).isFalse();
    assertThat(Identifiers.unqualified("`db`.`id`")).isEqualTo("id");
    assertThat(Identifiers.unqualified("s.id")).isEqualTo("id");
  }

  @Test
  void theLastValueMarkBecomesAParameterQuotedOrNot() {
    assertThat(CustomQuery.toSql("SELECT id FROM t WHERE id > $@$ ORDER BY id;"))
        .isEqualTo("SELECT id FROM t WHERE id > ? ORDER BY id");
    assertThat(CustomQuery.toSql("SELECT ts, v FROM t WHERE ts > '$@$' OR ts = $@$"))
        .isEqualTo("SELECT ts, v FROM t WHERE ts > ? OR ts = ?");
    assertThat(CustomQuery.marks("SELECT ts, v FROM t WHERE ts > '$@$' OR ts = $@$")).isEqualTo(2);
    assertThat(CustomQuery.marks("SELECT 1")).isZero();
  }

  @Test
  void aCustomQueryIsOneStatement() {
    assertThat(CustomQuery.isOneStatement("SELECT id FROM t WHERE id > $@$;")).isTrue();
    assertThat(CustomQuery.isOneStatement("SELECT id FROM t WHERE note <> 'a;b'")).isTrue();
    assertThat(CustomQuery.isOneStatement("SELECT id FROM t; DROP TABLE t")).isFalse();
    assertThat(CustomQuery.isOneStatement(";")).isFalse();
  }

  @Test
  void rowsAreCsvLinesAndNullDiffersFromEmpty() {
    RowFormat quoted = new RowFormat(',', true);
    assertThat(quoted.line(Arrays.asList("1", "李四", null, "", "say \"hi\"")))
        .isEqualTo("\"1\",\"李四\",,\"\",\"say \"\"hi\"\"\"");
    RowFormat plain = new RowFormat('|', false);
    assertThat(plain.line(Arrays.asList("1", "a|b", null, "x,y", "two\nlines")))
        .isEqualTo("1|\"a|b\"||x,y|\"two\nlines\"");
  }

  @Test
  void passwordsInUrlsAreMasked() {
    assertThat(JdbcUrls.masked("jdbc:mysql://h:3306/db?user=root&password=000000&useSSL=false"))
        .isEqualTo("jdbc:mysql://h:3306/db?user=root&password=***&useSSL=false");
    assertThat(JdbcUrls.masked("jdbc:mariadb://root:secret@h/db"))
        .isEqualTo("jdbc:mariadb://root:***@h/db");
    assertThat(JdbcUrls.masked("jdbc:sqlserver://h;user=sa;password=s3cr3t;db=x"))
        .isEqualTo("jdbc:sqlserver://h;user=sa;password=***;db=x");
    assertThat(JdbcUrls.masked("jdbc:mariadb://hadoop102:3306/mysqlsource"))
        .isEqualTo("jdbc:mariadb://hadoop102:3306/mysqlsource");
  }
}
