/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

/** Build-time constant from config/index.ts: the API origin ('' = same origin, in H5). */
declare const API_BASE: string;
