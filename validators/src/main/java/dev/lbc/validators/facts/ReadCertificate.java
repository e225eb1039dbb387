package dev.lbc.validators.facts;

import dev.lbc.compiler.cert.CertificateInfo;
import dev.lbc.compiler.model.Certificate;
import dev.lbc.compiler.model.Deployment;
import dev.lbc.compiler.spi.RuleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate of the deployment with what its file holds, as the compile read it: what the
 * certificate rules (LBC110-LBC112, LBC215, LBC216) look at.
 */
public record ReadCertificate(Certificate cert, CertificateInfo info) {
  /** The certificates whose files were read; one that was not is LBC113's alone. */
  public static List<ReadCertificate> of(Deployment deployment, RuleContext context) {
    List<ReadCertificate> read = new ArrayList<>();
    for (Certificate c : deployment.certificates()) {
      CertificateInfo info = context.facts().certificateInfo(c.name());
      if (info != null) {
        read.add(new ReadCertificate(c, info));
      }
    }
    return read;
  }
}
