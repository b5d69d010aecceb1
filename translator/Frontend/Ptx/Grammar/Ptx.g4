// PTX ISA 8.x text: whole modules (.ptx files, the text cuModuleLoadData takes) and the templates of CUDA inline
// `asm` statements, whose %N / %[name] operand references the lexer knows too. The grammar reads the shape of the
// language (directives, declarations, instructions with their dotted modifiers and operands); which instructions and
// modifiers mean what is the lowering's business (Ptx/Lowering), so an instruction the grammar reads but the lowering
// does not translate is a located TR0410/TR0420 naming it rather than a syntax error.
//
// The C# parser in Generated/ is produced from this file by scripts/regenerate-ptx-parser.sh (antlr-ng, ANTLR 4.13
// format, run with Antlr4.Runtime.Standard); regenerate it after every change here.
grammar Ptx;

// ---- Entry rules ---------------------------------------------------------------------------------------------------

module : moduleItem* EOF ;

template : statement* EOF ;

// ---- Module level --------------------------------------------------------------------------------------------------

moduleItem
    : VERSION number                                                   # versionDirective
    | TARGET identifier (',' identifier)*                              # targetDirective
    | ADDRESS_SIZE INT                                                 # addressSizeDirective
    | FILE INT STRING (',' INT)*                                       # fileDirective
    | SECTION DOTNAME '{' sectionItem* '}'                             # sectionDirective
    | linkage* function                                                # functionItem
    | linkage* variableDeclaration ';'                                 # variableItem
    ;

linkage : VISIBLE | EXTERN | WEAK | COMMON ;

// Debug sections (-lineinfo, -G) hold bytes and labels: read and dropped.
sectionItem : ~('{' | '}') ;

function
    : kind=(ENTRY | FUNC) results=parameterList? identifier parameters=parameterList? performanceDirective*
      (body=block | ';')
    ;

parameterList : '(' (parameter (',' parameter)*)? ')' ;

parameter : space=(PARAM | REG) declarationModifier* identifier arrayDimension* ;

performanceDirective
    : MAXNTID INT (',' INT)*
    | REQNTID INT (',' INT)*
    | MINNCTAPERSM INT
    | MAXNCTAPERSM INT
    | MAXNREG INT
    | NORETURN
    | PRAGMA STRING (',' STRING)* ';'
    | EXPLICITCLUSTER
    | REQNCTAPERCLUSTER INT (',' INT)*
    ;

// ---- Declarations --------------------------------------------------------------------------------------------------

variableDeclaration
    : space=(REG | SHARED | LOCAL | CONST | GLOBAL | PARAM | TEX) declarationModifier* declarator (',' declarator)*
      ('=' initializer)?
    ;

// `.ptr .global .align 4` on a kernel's pointer parameter names the space it points into.
declarationModifier : DOTNAME | ALIGN INT | PTR | GLOBAL | SHARED | CONST | LOCAL ;

declarator : identifier ('<' INT '>')? arrayDimension* ;

arrayDimension : '[' INT? ']' ;

initializer
    : '{' initializer (',' initializer)* '}'
    | constantExpression
    ;

constantExpression
    : '-'? number
    | identifier (('+' | '-') INT)?
    | GENERIC '(' identifier ')' (('+' | '-') INT)?
    ;

// ---- Function bodies and inline templates --------------------------------------------------------------------------

block : '{' statement* '}' ;

statement
    : block                                                            # blockStatement
    | identifier ':'                                                   # labelStatement
    | variableDeclaration ';'                                          # declarationStatement
    | PRAGMA STRING (',' STRING)* ';'                                  # pragmaStatement
    | LOC INT INT INT (',' identifier (identifier | INT)+)*            # locStatement
    | CALLPROTOTYPE                                                    # callPrototypeStatement
    | guard? opcode=identifier modifier* (operand (',' operand)*)? ';'? # instructionStatement
    | ';'                                                              # emptyStatement
    ;

guard : '@' negated='!'? identifier ;

// An instruction's dotted modifiers; the state spaces and `.weak` are directive tokens too.
modifier : DOTNAME | PARAM | GLOBAL | SHARED | LOCAL | CONST | REG | TEX | PTR | WEAK | ALIGN | EXTERN | VISIBLE | COMMON ;

operand
    : '!' operand                                                      # notOperand
    | '-'? number                                                      # numberOperand
    | '{' operand (',' operand)* '}'                                   # vectorOperand
    | '[' address (',' operand)? ']'                                   # addressOperand
    | '(' (operand (',' operand)*)? ')'                                # listOperand
    | identifier '|' identifier                                        # pairOperand
    | identifier DOTNAME? (('+' | '-') INT)?                           # nameOperand
    | OPERAND_REF                                                      # operandReference
    ;

address : (identifier | OPERAND_REF | '-'? number) (('+' | '-') '-'? INT)* ;

number : INT | FLOAT_BITS | DECIMAL_FLOAT ;

// Directive and keyword tokens are also names where PTX allows (a label called `generic` …).
identifier : ID | GENERIC ;

// ---- Tokens --------------------------------------------------------------------------------------------------------

VERSION : '.version' ;
TARGET : '.target' ;
ADDRESS_SIZE : '.address_size' ;
FILE : '.file' ;
SECTION : '.section' ;
LOC : '.loc' ;
VISIBLE : '.visible' ;
EXTERN : '.extern' ;
WEAK : '.weak' ;
COMMON : '.common' ;
ENTRY : '.entry' ;
FUNC : '.func' ;
PARAM : '.param' ;
REG : '.reg' ;
SHARED : '.shared' ;
LOCAL : '.local' ;
CONST : '.const' ;
GLOBAL : '.global' ;
TEX : '.tex' ;
PTR : '.ptr' ;
ALIGN : '.align' ;
MAXNTID : '.maxntid' ;
REQNTID : '.reqntid' ;
MINNCTAPERSM : '.minnctapersm' ;
MAXNCTAPERSM : '.maxnctapersm' ;
MAXNREG : '.maxnreg' ;
NORETURN : '.noreturn' ;
PRAGMA : '.pragma' ;
EXPLICITCLUSTER : '.explicitcluster' ;
REQNCTAPERCLUSTER : '.reqnctapercluster' ;
GENERIC : 'generic' ;

// `prototype_0 : .callprototype (.param .b32 _) _ (.param .b64 _);` names the signature of an indirect call: its
// text up to the ';' is kept whole.
CALLPROTOTYPE : [a-zA-Z_$] [a-zA-Z0-9_$]* [ \t]* ':' [ \t]* '.callprototype' ~[;]* ';' ;

// Dotted words: state spaces and types in declarations, an instruction's modifiers (`.global`, `.f32`, `.L2::128B`),
// the component of a special register (`%tid.x`).
DOTNAME : '.' [a-zA-Z0-9_] [a-zA-Z0-9_:]* ;

// %N and %[name] in an asm template; before ID so that `%0` is an operand, not a register named 0.
OPERAND_REF : '%' [0-9]+ | '%[' [a-zA-Z_] [a-zA-Z0-9_]* ']' ;

// `%%r` in an asm template is the register `%r`; the reader drops one `%`.
ID : '%'? [a-zA-Z_$%] [a-zA-Z0-9_$]* ;

FLOAT_BITS : '0' [fF] HEX HEX HEX HEX HEX HEX HEX HEX | '0' [dD] HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX HEX ;
DECIMAL_FLOAT : [0-9]+ '.' [0-9]* EXPONENT? | [0-9]+ EXPONENT ;
INT : ('0' [xX] HEX+ | '0' [bB] [01]+ | [0-9]+) [uU]? ;
STRING : '"' (~["\\\r\n] | '\\' .)* '"' ;

fragment HEX : [0-9a-fA-F] ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;

LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS : [ \t\r\n]+ -> skip ;

// Anything else is one token the parser does not expect, so a stray character is a syntax error at its place.
OTHER : . ;
