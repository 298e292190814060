import { AsnArray, AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { QCStatement, QCStatements } from '@peculiar/asn1-x509-qualified';
import { id_etsi_qcs_qcCompliance, id_etsi_qcs_qcType, id_etsi_qct_web, QcType } from '@peculiar/asn1-x509-qualified-etsi';
import type { Psd2Attributes, Psd2Role } from './client-certificate.js';

/** `id-pe-qcStatements` (RFC 3739 §3.2.6): the extension holding the QCStatements. */
export const QC_STATEMENTS_OID = '1.3.6.1.5.5.7.1.3';

/** `id-etsi-psd2-qcStatement` (ETSI TS 119 495 §5.1). */
const PSD2_QC_STATEMENT_OID = '0.4.0.19495.2';

/** `id-psd2-role-psp-*` (ETSI TS 119 495 §5.1) by role. */
export const PSD2_ROLE_OIDS: Readonly<Record<Psd2Role, string>> = {
  PSP_AS: '0.4.0.19495.1.1',
  PSP_PI: '0.4.0.19495.1.2',
  PSP_AI: '0.4.0.19495.1.3',
  PSP_IC: '0.4.0.19495.1.4',
};

/** The four PSD2 roles, in ETSI TS 119 495 order. */
export const PSD2_ROLES = Object.keys(PSD2_ROLE_OIDS) as readonly Psd2Role[];

const ROLE_BY_OID = new Map(Object.entries(PSD2_ROLE_OIDS).map(([role, oid]) => [oid, role as Psd2Role]));

/** Whether a string is one of the PSD2 role names of ETSI TS 119 495 §5.1 (`PSP_AS`, `PSP_PI`, `PSP_AI`, `PSP_IC`). */
export function isPsd2Role(value: string): value is Psd2Role {
  return Object.hasOwn(PSD2_ROLE_OIDS, value);
}

/** `RoleOfPSP ::= SEQUENCE { roleOfPspOid RoleOfPspOid, roleOfPspName RoleOfPspName }` */
class RoleOfPsp {
  roleOfPspOid = '';
  roleOfPspName = '';
}
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(RoleOfPsp.prototype, 'roleOfPspOid');
AsnProp({ type: AsnPropTypes.Utf8String })(RoleOfPsp.prototype, 'roleOfPspName');

/** `RolesOfPSP ::= SEQUENCE OF RoleOfPSP` */
class RolesOfPsp extends AsnArray<RoleOfPsp> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: RoleOfPsp })(RolesOfPsp);

/** `PSD2QcType ::= SEQUENCE { rolesOfPSP RolesOfPSP, nCAName NCAName, nCAId NCAId }` (both UTF8String). */
class Psd2QcType {
  rolesOfPsp = new RolesOfPsp();
  nCAName = '';
  nCAId = '';
}
AsnProp({ type: RolesOfPsp })(Psd2QcType.prototype, 'rolesOfPsp');
AsnProp({ type: AsnPropTypes.Utf8String })(Psd2QcType.prototype, 'nCAName');
AsnProp({ type: AsnPropTypes.Utf8String })(Psd2QcType.prototype, 'nCAId');

function statement(statementId: string, statementInfo?: ArrayBuffer): QCStatement {
  return Object.assign(new QCStatement(), { statementId, statementInfo });
}

/**
 * The DER value of a qcStatements extension for a PSD2 website certificate (QWAC): `QcCompliance` (EU qualified,
 * ETSI EN 319 412-5 §4.2.1), `QcType` = `id-etsi-qct-web` (§4.2.3) and the PSD2 statement with the roles and the NCA
 * (ETSI TS 119 495 §5.1).
 */
export function encodeQcStatements(psd2: Psd2Attributes): ArrayBuffer {
  const psd2QcType = Object.assign(new Psd2QcType(), {
    rolesOfPsp: new RolesOfPsp(
      psd2.roles.map((role) => Object.assign(new RoleOfPsp(), { roleOfPspOid: PSD2_ROLE_OIDS[role], roleOfPspName: role })),
    ),
    nCAName: psd2.ncaName,
    nCAId: psd2.ncaId,
  });
  return AsnConvert.serialize(
    new QCStatements([
      statement(id_etsi_qcs_qcCompliance),
      statement(id_etsi_qcs_qcType, AsnConvert.serialize(new QcType([id_etsi_qct_web]))),
      statement(PSD2_QC_STATEMENT_OID, AsnConvert.serialize(psd2QcType)),
    ]),
  );
}

/** What obas reads from a qcStatements extension. */
export interface QcStatementsContent {
  /** `QcCompliance` is present (ETSI EN 319 412-5 §4.2.1). */
  readonly qcCompliance: boolean;
  /** OIDs listed by `QcType` (ETSI EN 319 412-5 §4.2.3), e.g. `0.4.0.1862.1.6.3` for a website certificate. */
  readonly qcTypes: readonly string[];
  /** The PSD2 statement (ETSI TS 119 495 §5.1); roles with an OID outside the four PSD2 roles are skipped. */
  readonly psd2?: Psd2Attributes;
}

function decodePsd2(statementInfo: ArrayBuffer): Psd2Attributes {
  const decoded = AsnConvert.parse(statementInfo, Psd2QcType);
  const roles = decoded.rolesOfPsp.flatMap(({ roleOfPspOid }) => ROLE_BY_OID.get(roleOfPspOid) ?? []);
  return { roles: [...new Set(roles)], ncaName: decoded.nCAName, ncaId: decoded.nCAId };
}

/** Decodes the DER value of a qcStatements extension (RFC 3739 §3.2.6). Throws when it is not valid DER of that type. */
export function decodeQcStatements(extensionValue: ArrayBuffer | ArrayBufferView): QcStatementsContent {
  let qcCompliance = false;
  let qcTypes: string[] = [];
  let psd2: Psd2Attributes | undefined;
  for (const { statementId, statementInfo } of AsnConvert.parse(extensionValue, QCStatements)) {
    if (statementId === id_etsi_qcs_qcCompliance) qcCompliance = true;
    if (statementId === id_etsi_qcs_qcType && statementInfo.byteLength > 0) {
      qcTypes = [...AsnConvert.parse(statementInfo, QcType)];
    }
    if (statementId === PSD2_QC_STATEMENT_OID) psd2 = decodePsd2(statementInfo);
  }
  return psd2 === undefined ? { qcCompliance, qcTypes } : { qcCompliance, qcTypes, psd2 };
}
