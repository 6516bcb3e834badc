// The blueprint parser. No target-language actions: the tree is turned into the model by
// dev.blueprint.lang.syntax.ModelBuilder. Error recovery is ANTLR's default strategy with
// the loops below as synchronisation points, so every independent mistake is reported.
parser grammar BlueprintParser;

options { tokenVocab = BlueprintLexer; }

file : declaration* EOF;

declaration
    : importDecl
    | serviceDecl
    | serverDecl
    | storeDecl
    | probesDecl
    | deployDecl
    | securityDecl
    | enumDecl
    | entityDecl
    | apiDecl
    ;

importDecl  : IMPORT STRING;
serviceDecl : SERVICE name block;
serverDecl  : SERVER block;
storeDecl   : STORE name block;
probesDecl  : PROBES block;
deployDecl  : DEPLOY block;
securityDecl : SECURITY block;

// Settings blocks: `key value` pairs.
block   : LBRACE setting* RBRACE;
setting : name value;

value
    : range                                        # rangeValue
    | literal                                      # literalValue
    | name                                         # nameValue
    | LBRACK (value COMMA?)* RBRACK                # listValue
    | ENV LPAREN STRING (COMMA value)? RPAREN      # envValue
    | block                                        # blockValue
    ;

literal : STRING | INT | DECIMAL | QUANTITY | TRUE | FALSE;
range   : bound DOTDOT bound;
bound   : INT | DECIMAL | QUANTITY;

enumDecl   : ENUM name LBRACE enumMember* RBRACE;
enumMember : name COMMA?;

entityDecl : ENTITY name LBRACE field* RBRACE;
field      : name COLON type QUESTION? fieldPart*;
fieldPart  : attribute | ASSIGN value;
type       : name (LPAREN INT (COMMA INT)? RPAREN)?;
attribute  : AT name (LPAREN (value (COMMA value)*)? RPAREN)?;

apiDecl   : API STRING LBRACE apiMember* RBRACE;
apiMember : resource | route;
resource  : RESOURCE STRING name access? (LBRACE operation* RBRACE)?;
operation : name access? COMMA?;
route
    : ROUTE name STRING ARROW name (LBRACK RBRACK)?
      (WHERE condition (AND condition)*)?
      (ORDER BY name direction=(ASC | DESC)?)?
      (LIMIT INT)?
      access?
    ;
condition : name EQEQ DOLLAR name;

// Who may call: `public`, or `requires role("a", "b")` (any one of the roles).
access
    : PUBLIC
    | REQUIRES name LPAREN (STRING (COMMA STRING)*)? RPAREN
    ;

// Keywords that may also be used as names (field, setting, member and operation names).
// The keywords that start a declaration (import, service, enum, entity, api, probes,
// deploy) are reserved, so that a missing `}` does not swallow the next declaration.
name
    : IDENT
    | SERVER | STORE | RESOURCE | ROUTE | WHERE | AND | ORDER | BY | ASC | DESC | LIMIT | ENV
    | SECURITY | REQUIRES | PUBLIC
    ;
