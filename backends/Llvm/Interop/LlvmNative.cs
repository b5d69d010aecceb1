using System.Runtime.InteropServices;
using Translate.Backends.Llvm.Api;

namespace Translate.Backends.Llvm.Interop;

/// <summary>
/// The LLVM 19 C API functions this project uses, bound one by one (Debian <c>libllvm19</c>).
/// Handles are plain pointers here; nothing above <see cref="Api"/> sees them.
/// </summary>
internal static unsafe partial class LlvmNative
{
    public const string Library = "libLLVM.so.19.1";

    // ---- context, module ----
    [LibraryImport(Library)] public static partial nint LLVMContextCreate();
    [LibraryImport(Library)] public static partial void LLVMContextDispose(nint c);
    [LibraryImport(Library)] public static partial void LLVMContextSetDiagnosticHandler(nint c, delegate* unmanaged<nint, nint, void> handler, nint context);
    [LibraryImport(Library)] public static partial nint LLVMGetDiagInfoDescription(nint info);
    [LibraryImport(Library)] public static partial int LLVMGetDiagInfoSeverity(nint info);
    [LibraryImport(Library)] public static partial nint LLVMGetInlineAsm(nint type, byte* asmString, nuint asmLength, byte* constraints, nuint constraintsLength,
        int hasSideEffects, int isAlignStack, int dialect, int canThrow);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMModuleCreateWithNameInContext(string name, nint c);
    [LibraryImport(Library)] public static partial void LLVMDisposeModule(nint m);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void LLVMSetTarget(nint m, string triple);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void LLVMSetDataLayout(nint m, string layout);
    [LibraryImport(Library)] public static partial nint LLVMPrintModuleToString(nint m);
    [LibraryImport(Library)] public static partial void LLVMDisposeMessage(nint msg);
    [LibraryImport(Library)] public static partial int LLVMVerifyModule(nint m, int action, out nint message);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMGetNamedFunction(nint m, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMGetNamedGlobal(nint m, string name);

    // ---- types ----
    [LibraryImport(Library)] public static partial nint LLVMInt1TypeInContext(nint c);
    [LibraryImport(Library)] public static partial nint LLVMIntTypeInContext(nint c, uint bits);
    [LibraryImport(Library)] public static partial nint LLVMHalfTypeInContext(nint c);
    [LibraryImport(Library)] public static partial nint LLVMBFloatTypeInContext(nint c);
    [LibraryImport(Library)] public static partial nint LLVMFloatTypeInContext(nint c);
    [LibraryImport(Library)] public static partial nint LLVMDoubleTypeInContext(nint c);
    [LibraryImport(Library)] public static partial nint LLVMVoidTypeInContext(nint c);
    [LibraryImport(Library)] public static partial nint LLVMPointerTypeInContext(nint c, uint addressSpace);
    [LibraryImport(Library)] public static partial nint LLVMArrayType2(nint element, ulong count);
    [LibraryImport(Library)] public static partial nint LLVMVectorType(nint element, uint count);
    [LibraryImport(Library)] public static partial nint LLVMStructTypeInContext(nint c, nint* elements, uint count, int packed);
    [LibraryImport(Library)] public static partial nint LLVMFunctionType(nint ret, nint* parameters, uint count, int varArg);
    [LibraryImport(Library)] public static partial nint LLVMTypeOf(nint v);
    [LibraryImport(Library)] public static partial nint LLVMGlobalGetValueType(nint g);

    // ---- constants ----
    [LibraryImport(Library)] public static partial nint LLVMConstInt(nint type, ulong value, int signExtend);
    [LibraryImport(Library)] public static partial nint LLVMConstReal(nint type, double value);
    [LibraryImport(Library)] public static partial nint LLVMConstNull(nint type);
    [LibraryImport(Library)] public static partial nint LLVMConstAllOnes(nint type);
    [LibraryImport(Library)] public static partial nint LLVMGetUndef(nint type);
    [LibraryImport(Library)] public static partial nint LLVMGetPoison(nint type);
    [LibraryImport(Library)] public static partial nint LLVMConstStringInContext2(nint c, byte* str, nuint length, int dontNullTerminate);
    [LibraryImport(Library)] public static partial nint LLVMConstStructInContext(nint c, nint* values, uint count, int packed);
    [LibraryImport(Library)] public static partial nint LLVMConstArray2(nint elementType, nint* values, ulong count);
    [LibraryImport(Library)] public static partial nint LLVMConstVector(nint* values, uint count);
    [LibraryImport(Library)] public static partial int LLVMIsConstant(nint v);

    // ---- globals, functions, blocks ----
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMAddGlobal(nint m, nint type, string name);
    [LibraryImport(Library)] public static partial void LLVMSetInitializer(nint g, nint value);
    [LibraryImport(Library)] public static partial void LLVMSetGlobalConstant(nint g, int isConstant);
    [LibraryImport(Library)] public static partial void LLVMSetLinkage(nint g, int linkage);
    [LibraryImport(Library)] public static partial void LLVMSetUnnamedAddr(nint g, int hasUnnamedAddr);
    [LibraryImport(Library)] public static partial void LLVMSetAlignment(nint v, uint bytes);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMAddFunction(nint m, string name, nint functionType);
    [LibraryImport(Library)] public static partial nint LLVMGetParam(nint f, uint index);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMAppendBasicBlockInContext(nint c, nint f, string name);
    [LibraryImport(Library)] public static partial nint LLVMGetBasicBlockParent(nint bb);
    [LibraryImport(Library)] public static partial nint LLVMGetBasicBlockTerminator(nint bb);
    [LibraryImport(Library)] public static partial nint LLVMGetEntryBasicBlock(nint f);
    [LibraryImport(Library)] public static partial nint LLVMGetFirstInstruction(nint bb);
    [LibraryImport(Library)] public static partial uint LLVMGetEnumAttributeKindForName(byte* name, nuint length);
    [LibraryImport(Library)] public static partial nint LLVMCreateEnumAttribute(nint c, uint kind, ulong value);
    [LibraryImport(Library)] public static partial void LLVMAddAttributeAtIndex(nint f, uint index, nint attribute);
    [LibraryImport(Library)] public static partial void LLVMAddCallSiteAttribute(nint call, uint index, nint attribute);
    [LibraryImport(Library)] public static partial nint LLVMGetIntrinsicDeclaration(nint m, uint id, nint* types, nuint count);
    [LibraryImport(Library)] public static partial uint LLVMLookupIntrinsicID(byte* name, nuint length);
    [LibraryImport(Library)] public static partial uint LLVMGetMDKindIDInContext(nint c, byte* name, uint length);
    [LibraryImport(Library)] public static partial nint LLVMMDStringInContext2(nint c, byte* str, nuint length);
    [LibraryImport(Library)] public static partial nint LLVMMDNodeInContext2(nint c, nint* mds, nuint count);
    [LibraryImport(Library)] public static partial nint LLVMMetadataAsValue(nint c, nint md);
    [LibraryImport(Library)] public static partial nint LLVMValueAsMetadata(nint v);
    [LibraryImport(Library)] public static partial void LLVMSetMetadata(nint v, uint kind, nint node);
    [LibraryImport(Library)] public static partial void LLVMReplaceAllUsesWith(nint oldValue, nint newValue);

    // ---- builder ----
    [LibraryImport(Library)] public static partial nint LLVMCreateBuilderInContext(nint c);
    [LibraryImport(Library)] public static partial void LLVMDisposeBuilder(nint b);
    [LibraryImport(Library)] public static partial void LLVMPositionBuilderAtEnd(nint b, nint bb);
    [LibraryImport(Library)] public static partial void LLVMPositionBuilderBefore(nint b, nint instruction);
    [LibraryImport(Library)] public static partial nint LLVMGetInsertBlock(nint b);
    [LibraryImport(Library)] public static partial nint LLVMBuildRetVoid(nint b);
    [LibraryImport(Library)] public static partial nint LLVMBuildRet(nint b, nint v);
    [LibraryImport(Library)] public static partial nint LLVMBuildBr(nint b, nint dest);
    [LibraryImport(Library)] public static partial nint LLVMBuildCondBr(nint b, nint cond, nint then, nint @else);
    [LibraryImport(Library)] public static partial nint LLVMBuildSwitch(nint b, nint v, nint @else, uint numCases);
    [LibraryImport(Library)] public static partial void LLVMAddCase(nint @switch, nint onVal, nint dest);
    [LibraryImport(Library)] public static partial nint LLVMBuildUnreachable(nint b);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildBinOp(nint b, int op, nint l, nint r, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildNeg(nint b, nint v, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildFNeg(nint b, nint v, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildNot(nint b, nint v, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildICmp(nint b, int predicate, nint l, nint r, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildFCmp(nint b, int predicate, nint l, nint r, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildCast(nint b, int op, nint v, nint destType, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildAlloca(nint b, nint type, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildArrayAlloca(nint b, nint type, nint count, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildLoad2(nint b, nint type, nint pointer, string name);
    [LibraryImport(Library)] public static partial nint LLVMBuildStore(nint b, nint value, nint pointer);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildGEP2(nint b, nint type, nint pointer, nint* indices, uint count, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildCall2(nint b, nint fnType, nint fn, nint* args, uint count, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildSelect(nint b, nint cond, nint then, nint @else, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildExtractValue(nint b, nint agg, uint index, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildInsertValue(nint b, nint agg, nint value, uint index, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildExtractElement(nint b, nint vec, nint index, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildInsertElement(nint b, nint vec, nint value, nint index, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMBuildPhi(nint b, nint type, string name);
    [LibraryImport(Library)] public static partial void LLVMAddIncoming(nint phi, nint* values, nint* blocks, uint count);
    [LibraryImport(Library)] public static partial nint LLVMBuildFence(nint b, int ordering, int singleThread, byte* name);
    [LibraryImport(Library)] public static partial nint LLVMBuildAtomicRMW(nint b, int op, nint ptr, nint value, int ordering, int singleThread);
    [LibraryImport(Library)] public static partial nint LLVMBuildAtomicCmpXchg(nint b, nint ptr, nint cmp, nint @new, int successOrdering, int failureOrdering, int singleThread);
    [LibraryImport(Library)] public static partial void LLVMSetOrdering(nint memoryAccess, int ordering);
    [LibraryImport(Library)] public static partial void LLVMSetVolatile(nint memoryAccess, int isVolatile);

    // ---- targets ----
    // GPU targets (NVPTX, AMDGPU) and what their lowering needs beyond the host's.
    [LibraryImport(Library)] public static partial void LLVMInitializeNVPTXTargetInfo();
    [LibraryImport(Library)] public static partial void LLVMInitializeNVPTXTarget();
    [LibraryImport(Library)] public static partial void LLVMInitializeNVPTXTargetMC();
    [LibraryImport(Library)] public static partial void LLVMInitializeNVPTXAsmPrinter();
    [LibraryImport(Library)] public static partial void LLVMInitializeAMDGPUTargetInfo();
    [LibraryImport(Library)] public static partial void LLVMInitializeAMDGPUTarget();
    [LibraryImport(Library)] public static partial void LLVMInitializeAMDGPUTargetMC();
    [LibraryImport(Library)] public static partial void LLVMInitializeAMDGPUAsmPrinter();
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMAddGlobalInAddressSpace(nint m, nint type, string name, uint addressSpace);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void LLVMAddNamedMetadataOperand(nint m, string name, nint value);
    [LibraryImport(Library)] public static partial void LLVMSetFunctionCallConv(nint f, uint cc);
    [LibraryImport(Library)] public static partial nint LLVMConstAddrSpaceCast(nint v, nint type);
    [LibraryImport(Library)] public static partial nint LLVMCreateStringAttribute(nint c, byte* key, uint keyLength, byte* value, uint valueLength);
    [LibraryImport(Library)] public static partial int LLVMTargetMachineEmitToMemoryBuffer(nint tm, nint m, int fileType, out nint error, out nint buffer);
    [LibraryImport(Library)] public static partial nint LLVMGetBufferStart(nint buffer);
    [LibraryImport(Library)] public static partial nuint LLVMGetBufferSize(nint buffer);
    [LibraryImport(Library)] public static partial void LLVMDisposeMemoryBuffer(nint buffer);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial void LLVMParseCommandLineOptions(int argc, string[] argv, string overview);
    [LibraryImport(Library)] public static partial void LLVMInitializeX86TargetInfo();
    [LibraryImport(Library)] public static partial void LLVMInitializeX86Target();
    [LibraryImport(Library)] public static partial void LLVMInitializeX86TargetMC();
    [LibraryImport(Library)] public static partial void LLVMInitializeX86AsmPrinter();
    [LibraryImport(Library)] public static partial void LLVMInitializeX86AsmParser();
    [LibraryImport(Library)] public static partial nint LLVMGetDefaultTargetTriple();
    [LibraryImport(Library)] public static partial nint LLVMGetHostCPUName();
    [LibraryImport(Library)] public static partial nint LLVMGetHostCPUFeatures();
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int LLVMGetTargetFromTriple(string triple, out nint target, out nint error);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMCreateTargetMachine(nint target, string triple, string cpu, string features, int level, int reloc, int codeModel);
    [LibraryImport(Library)] public static partial void LLVMDisposeTargetMachine(nint tm);
    [LibraryImport(Library)] public static partial nint LLVMCreateTargetDataLayout(nint tm);
    [LibraryImport(Library)] public static partial nint LLVMCopyStringRepOfTargetData(nint td);
    [LibraryImport(Library)] public static partial void LLVMDisposeTargetData(nint td);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int LLVMTargetMachineEmitToFile(nint tm, nint m, string fileName, int fileType, out nint error);

    // ---- passes ----
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMRunPasses(nint m, string passes, nint tm, nint options);
    [LibraryImport(Library)] public static partial nint LLVMCreatePassBuilderOptions();
    [LibraryImport(Library)] public static partial void LLVMDisposePassBuilderOptions(nint options);
    [LibraryImport(Library)] public static partial void LLVMPassBuilderOptionsSetLoopVectorization(nint options, int enabled);
    [LibraryImport(Library)] public static partial void LLVMPassBuilderOptionsSetSLPVectorization(nint options, int enabled);
    [LibraryImport(Library)] public static partial void LLVMPassBuilderOptionsSetLoopUnrolling(nint options, int enabled);

    // ---- errors ----
    [LibraryImport(Library)] public static partial nint LLVMGetErrorMessage(nint error);
    [LibraryImport(Library)] public static partial void LLVMDisposeErrorMessage(nint message);

    // ---- ORC LLJIT ----
    [LibraryImport(Library)] public static partial nint LLVMOrcCreateLLJITBuilder();
    [LibraryImport(Library)] public static partial nint LLVMOrcCreateLLJIT(out nint jit, nint builder);
    [LibraryImport(Library)] public static partial nint LLVMOrcDisposeLLJIT(nint jit);
    [LibraryImport(Library)] public static partial nint LLVMOrcLLJITGetMainJITDylib(nint jit);
    [LibraryImport(Library)] public static partial byte LLVMOrcLLJITGetGlobalPrefix(nint jit);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMOrcLLJITMangleAndIntern(nint jit, string name);
    [LibraryImport(Library)] public static partial nint LLVMOrcLLJITGetDataLayoutStr(nint jit);
    [LibraryImport(Library)] public static partial nint LLVMOrcLLJITGetTripleString(nint jit);
    [LibraryImport(Library)] public static partial nint LLVMOrcLLJITAddLLVMIRModule(nint jit, nint dylib, nint threadSafeModule);
    [LibraryImport(Library)] public static partial nint LLVMOrcLLJITAddObjectFile(nint jit, nint dylib, nint objectBuffer);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMCreateMemoryBufferWithMemoryRangeCopy(byte* data, nuint length, string name);
    [LibraryImport(Library)] public static partial int LLVMParseIRInContext(nint context, nint memoryBuffer, out nint module, out nint message);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMOrcLLJITLookup(nint jit, out ulong address, string name);
    [LibraryImport(Library)] public static partial nint LLVMOrcCreateNewThreadSafeContext();
    [LibraryImport(Library)] public static partial nint LLVMOrcThreadSafeContextGetContext(nint tsc);
    [LibraryImport(Library)] public static partial void LLVMOrcDisposeThreadSafeContext(nint tsc);
    [LibraryImport(Library)] public static partial nint LLVMOrcCreateNewThreadSafeModule(nint m, nint tsc);
    [LibraryImport(Library)] public static partial nint LLVMOrcAbsoluteSymbols(OrcSymbolMapPair* pairs, nuint count);
    [LibraryImport(Library)] public static partial nint LLVMOrcJITDylibDefine(nint dylib, nint materializationUnit);
    [LibraryImport(Library)] public static partial nint LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(out nint generator, byte globalPrefix, nint filter, nint filterContext);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint LLVMOrcCreateDynamicLibrarySearchGeneratorForPath(out nint generator, string fileName, byte globalPrefix, nint filter, nint filterContext);
    [LibraryImport(Library)] public static partial void LLVMOrcJITDylibAddGenerator(nint dylib, nint generator);

    /// <summary>LLVMOrcCSymbolMapPair: an interned name and an absolute address with flags.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OrcSymbolMapPair
    {
        public nint Name;
        public ulong Address;
        public byte GenericFlags;
        public byte TargetFlags;
    }

    // Walking a module's instructions (to set fast-math flags after lowering).
    [LibraryImport(Library)] public static partial nint LLVMGetFirstFunction(nint m);
    [LibraryImport(Library)] public static partial nint LLVMGetNextFunction(nint f);
    [LibraryImport(Library)] public static partial nint LLVMGetFirstBasicBlock(nint f);
    [LibraryImport(Library)] public static partial nint LLVMGetNextBasicBlock(nint bb);
    [LibraryImport(Library)] public static partial nint LLVMGetNextInstruction(nint inst);
    [LibraryImport(Library)] public static partial int LLVMCanValueUseFastMathFlags(nint inst);
    [LibraryImport(Library)] public static partial void LLVMSetFastMathFlags(nint inst, uint flags);

    /// <summary>Takes an LLVM-owned C string and frees it.</summary>
    public static string TakeMessage(nint message)
    {
        if (message == 0) return "";
        var s = Marshal.PtrToStringUTF8(message) ?? "";
        LLVMDisposeMessage(message);
        return s;
    }

    /// <summary>Turns an LLVMErrorRef into an exception (null means success).</summary>
    public static void Check(nint error, string what)
    {
        if (error == 0) return;
        var m = LLVMGetErrorMessage(error);
        var s = Marshal.PtrToStringUTF8(m) ?? "";
        LLVMDisposeErrorMessage(m);
        throw new LlvmException($"{what}: {s}");
    }
}
